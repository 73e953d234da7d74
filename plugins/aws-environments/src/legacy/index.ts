export {
  AwsEnvironmentChangePreviewFieldExtension,
  AwsEnvironmentCostEstimateFieldExtension,
  AwsEnvironmentsPage,
  EntityAwsAlarmsCard,
  EntityAwsCostCard,
  EntityAwsEnvironmentContent,
  EntityEksClusterCard,
  EntityRdsDatabaseCard,
  awsEnvironmentsPlugin,
  legacyEnvironmentRouteRef,
  legacyRootRouteRef,
} from './plugin';
