/** The field's name, as templates use it in `ui:field`. */
export const COST_ESTIMATE_FIELD_NAME = 'AwsEnvironmentCostEstimate';
