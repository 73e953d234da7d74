export {
  AwsEnvironmentChangePreviewFieldExtension,
  AwsEnvironmentCostEstimateFieldExtension,
  AwsEnvironmentsPage,
  EntityAwsAlarmsCard,
  EntityAwsArchitectureCard,
  EntityAwsCostCard,
  EntityAwsEnvironmentContent,
  EntityEksClusterCard,
  EntityRdsDatabaseCard,
  awsEnvironmentsPlugin,
  legacyEnvironmentRouteRef,
  legacyRootRouteRef,
} from './plugin';
