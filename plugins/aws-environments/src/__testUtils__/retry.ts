import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * An API method that first fails with `error` (see `responseError`), then
 * resolves to `value`: a view's error state, then its retry.
 */
export async function failingOnce<T>(
  error: Promise<Error>,
  value: T,
): Promise<jest.Mock<Promise<T>>> {
  return jest
    .fn<Promise<T>, unknown[]>()
    .mockRejectedValueOnce(await error)
    .mockResolvedValueOnce(value);
}

/** Clicks the retry button of a view that failed to load `what`. */
export async function clickRetry(what: string): Promise<void> {
  await userEvent.click(
    screen.getByRole('button', { name: `Retry loading ${what}` }),
  );
}
