import type { ResponseError } from '@backstage/errors';

/**
 * True for the `ResponseError` the client throws on an error response.
 * Checked by shape rather than `instanceof`, which fails across copies of
 * `@backstage/errors`.
 */
export function isResponseError(error: unknown): error is ResponseError {
  return (
    error instanceof Error &&
    error.name === 'ResponseError' &&
    'statusCode' in error &&
    'body' in error &&
    (error as ResponseError).cause instanceof Error
  );
}

/**
 * The message to show for a failed call: the backend's own message where the
 * backend sent one, otherwise the error's message.
 */
export function errorMessage(error: Error): string {
  if (isResponseError(error)) {
    return error.cause.message || error.message;
  }
  return error.message;
}
