/**
 * Every error code Roentgen's HTTP surface can answer with, its HTTP status and when it is used.
 * X-Ray's own codes keep X-Ray's names so that `@aws-sdk/client-xray` raises typed exceptions;
 * docs/errors.md lists the same codes, and a test keeps the two in sync.
 */
export const errorCatalog = {
  InvalidRequestException: {
    status: 400,
    when: 'The request is malformed: bad JSON, a missing or mistyped member, a bad filter expression, a time range out of bounds.',
  },
  ThrottledException: { status: 429, when: 'The ingest buffer is full; retry later.' },
  ResourceNotFoundException: { status: 404, when: 'A named group or sampling rule does not exist.' },
  RuleLimitExceededException: { status: 400, when: 'Creating a sampling rule beyond the limit of rules.' },
  RequestEntityTooLargeException: {
    status: 413,
    when: 'The request body is over the configured limit (`--max-body-bytes`).',
  },
  UnsupportedMediaTypeException: { status: 415, when: 'An ingest path received a content type it does not decode.' },
  UnknownOperationException: { status: 404, when: 'No action is served at this method and path.' },
  InternalFailure: { status: 500, when: 'A bug or a store failure; the server logs the cause and keeps running.' },
  ServiceUnavailableException: { status: 503, when: 'The server is starting or stopping.' },
} as const satisfies Record<string, { status: number; when: string }>;

/** A code of the catalog. */
export type ErrorCode = keyof typeof errorCatalog;
