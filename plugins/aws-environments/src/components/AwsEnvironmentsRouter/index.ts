export { AwsEnvironmentsRouter } from './AwsEnvironmentsRouter';
