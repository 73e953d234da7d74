/** The field's name, as templates use it in `ui:field`. */
export const CHANGE_PREVIEW_FIELD_NAME = 'AwsEnvironmentChangePreview';
