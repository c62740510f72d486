/**
 * A request the query layer refuses, with a message for the caller. `kind` tells the HTTP layer which
 * X-Ray error to answer with (`InvalidRequestException` or `ResourceNotFoundException`).
 */
export class QueryInputError extends Error {
  override readonly name = 'QueryInputError';

  constructor(
    readonly kind: 'invalid' | 'not-found',
    message: string,
    /** The group or resource that was not found, for `ResourceName`. */
    readonly resourceName?: string,
  ) {
    super(message);
  }
}
