/**
 * Turns the query layer's refusals into X-Ray errors: `InvalidRequestException` (a bad filter shows
 * line, column and caret in its message) or `ResourceNotFoundException` with `ResourceName`.
 */
import { QueryInputError } from '@roentgen/query';
import { ApiError, invalidRequest } from '../errors/api-error.ts';

/** Runs `work`, translating a `QueryInputError` into the matching `ApiError`. */
export async function withQueryErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof QueryInputError)) throw error;
    if (error.kind === 'not-found') {
      throw new ApiError('ResourceNotFoundException', error.message, { ResourceName: error.resourceName ?? '' });
    }
    throw invalidRequest(error.message);
  }
}
