import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import { CostEstimateField } from './CostEstimateField';
import {
  CostEstimateFieldSchema,
  type CostEstimateFieldValue,
} from './costEstimateFieldSchema';
import { COST_ESTIMATE_FIELD_NAME } from './name';
import type { CostEstimateFieldUiOptions } from './specFromFormData';
import { validateCostEstimateField } from './validation';

/**
 * The field as the legacy `createScaffolderFieldExtension` and
 * scaffolder-react's `Stepper` take it.
 */
export const costEstimateFieldExtension: FieldExtensionOptions<
  CostEstimateFieldValue,
  CostEstimateFieldUiOptions
> = {
  name: COST_ESTIMATE_FIELD_NAME,
  component: CostEstimateField,
  validation: validateCostEstimateField,
  schema: CostEstimateFieldSchema.schema,
};
