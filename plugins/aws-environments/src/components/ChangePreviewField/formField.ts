import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ChangePreviewField } from './ChangePreviewField';
import { ChangePreviewFieldSchema } from './changePreviewFieldSchema';
import { CHANGE_PREVIEW_FIELD_NAME } from './name';
import { validateChangePreviewField } from './validation';

/** The field for the new frontend system's `FormFieldBlueprint`. */
export const changePreviewFormField = createFormField({
  name: CHANGE_PREVIEW_FIELD_NAME,
  component: ChangePreviewField,
  validation: validateChangePreviewField,
  schema: ChangePreviewFieldSchema,
});
