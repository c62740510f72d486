import { errorCatalog, type ErrorCode } from './error-catalog.ts';

/**
 * An error that becomes an HTTP answer in X-Ray's wire shape: the status of its code, the header
 * `x-amzn-ErrorType`, and a JSON body with `__type` and `message`. Throw it from any action.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra members of the error body, e.g. `ResourceName` for ResourceNotFoundException. */
  readonly members: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, members: Record<string, string> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = errorCatalog[code].status;
    this.members = members;
  }
}

/** Shorthand for the most common error: the caller sent something wrong, and `message` says what. */
export function invalidRequest(message: string): ApiError {
  return new ApiError('InvalidRequestException', message);
}
