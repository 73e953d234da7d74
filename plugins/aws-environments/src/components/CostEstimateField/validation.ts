import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { validateEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { CostEstimateFieldValue } from './costEstimateFieldSchema';
import {
  CostEstimateFieldUiOptions,
  describeFieldError,
  getPath,
  specFromFormData,
} from './specFromFormData';

/**
 * Rejects the wizard's step when the spec it describes has an invalid
 * value, naming every bad field, so nothing invalid reaches the template's
 * steps. Fields not filled yet are left to the step that asks for them (the
 * form's own `required`): the field sits on several steps, and an early step
 * must not fail on what a later one collects. The template's actions check
 * the whole spec again before anything is synthesized.
 */
export const validateCostEstimateField: CustomFieldValidator<
  CostEstimateFieldValue,
  CostEstimateFieldUiOptions
> = (_value, field, context) => {
  const options = context.uiSchema?.['ui:options'] ?? {};
  const spec = specFromFormData(context.formData, options);
  const result = validateEnvironmentSpec(spec);
  if (!result.ok) {
    for (const error of result.errors) {
      if (getPath(spec, error.field) !== undefined) {
        field.addError(describeFieldError(error, options));
      }
    }
  }
};
