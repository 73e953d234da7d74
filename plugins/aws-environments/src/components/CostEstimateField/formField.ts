import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { CostEstimateField } from './CostEstimateField';
import { CostEstimateFieldSchema } from './costEstimateFieldSchema';
import { validateCostEstimateField } from './validation';
import { COST_ESTIMATE_FIELD_NAME } from './name';

/** The field for the new frontend system's `FormFieldBlueprint`. */
export const costEstimateFormField = createFormField({
  name: COST_ESTIMATE_FIELD_NAME,
  component: CostEstimateField,
  validation: validateCostEstimateField,
  schema: CostEstimateFieldSchema,
});
