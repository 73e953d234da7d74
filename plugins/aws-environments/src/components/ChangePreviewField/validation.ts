import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import type { CostEstimateFieldUiOptions } from '../CostEstimateField';
import type { ChangePreviewFieldValue } from './changePreviewFieldSchema';

/**
 * Stops the wizard's step while the preview of an update is loading, and
 * when the backend refuses the change (each reason named), so that nothing
 * is deployed that the preview did not show. A preview that failed for
 * another reason does not stop it: the deployment checks the change again.
 */
export const validateChangePreviewField: CustomFieldValidator<
  ChangePreviewFieldValue,
  CostEstimateFieldUiOptions & { modeKey?: string }
> = (value, field) => {
  if (value?.state === 'loading') {
    field.addError(
      'The preview of the change is still being computed; wait for it, then go on.',
    );
  }
  if (value?.state === 'refused') {
    for (const problem of value.problems) {
      field.addError(problem);
    }
  }
};
