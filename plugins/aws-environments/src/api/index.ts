export { awsEnvironmentsApiRef } from './AwsEnvironmentsApi';
export type { AwsEnvironmentsApi } from './AwsEnvironmentsApi';
export { AwsEnvironmentsClient } from './AwsEnvironmentsClient';
export { errorMessage, isResponseError } from './errors';
