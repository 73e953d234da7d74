import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import type { CostEstimateFieldUiOptions } from '../CostEstimateField';
import { ChangePreviewField } from './ChangePreviewField';
import {
  ChangePreviewFieldSchema,
  type ChangePreviewFieldValue,
} from './changePreviewFieldSchema';
import { CHANGE_PREVIEW_FIELD_NAME } from './name';
import { validateChangePreviewField } from './validation';

/**
 * The field as the legacy `createScaffolderFieldExtension` and
 * scaffolder-react's `Stepper` take it.
 */
export const changePreviewFieldExtension: FieldExtensionOptions<
  ChangePreviewFieldValue,
  CostEstimateFieldUiOptions & { modeKey?: string }
> = {
  name: CHANGE_PREVIEW_FIELD_NAME,
  component: ChangePreviewField,
  validation: validateChangePreviewField,
  schema: ChangePreviewFieldSchema.schema,
};
