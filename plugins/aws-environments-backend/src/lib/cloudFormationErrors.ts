/**
 * CloudFormation's answer for a stack name that does not exist (now): a
 * `ValidationError` saying so (there is no exception class for it).
 */
export function isMissingStack(error: unknown): boolean {
  return (
    (error as Error).name === 'ValidationError' &&
    /does not exist/.test((error as Error).message)
  );
}
