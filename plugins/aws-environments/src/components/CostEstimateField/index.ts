export { CostEstimateField } from './CostEstimateField';
export { validateCostEstimateField } from './validation';
export {
  CostEstimateFieldSchema,
  type CostEstimateFieldProps,
  type CostEstimateFieldValue,
} from './costEstimateFieldSchema';
export {
  specFromFormData,
  type CostEstimateFieldUiOptions,
} from './specFromFormData';
export { evaluateSpec } from './evaluateSpec';
export { COST_ESTIMATE_FIELD_NAME } from './name';
