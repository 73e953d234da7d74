export {
  CostEstimateFieldSchema,
  type CostEstimateFieldValue,
} from './costEstimateFieldSchema';
export {
  specFromFormData,
  type CostEstimateFieldUiOptions,
} from './specFromFormData';
export { costEstimateFieldExtension } from './fieldExtension';
