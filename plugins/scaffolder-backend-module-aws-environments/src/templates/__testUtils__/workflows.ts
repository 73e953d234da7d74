import { validateWorkflow } from '@action-validator/core';

/**
 * action-validator's errors for a workflow. It warns that it cannot check
 * glob patterns (paths-ignore) from JavaScript; only that warning is muted.
 */
export function validateWorkflowQuietly(source: string) {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const { errors } = validateWorkflow(source);
    for (const [message] of warn.mock.calls) {
      expect(String(message)).toMatch(
        /^WARNING: Glob validation is not yet supported/,
      );
    }
    return errors;
  } finally {
    warn.mockRestore();
  }
}
