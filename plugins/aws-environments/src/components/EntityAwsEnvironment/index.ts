export {
  EntityAwsAlarmsCard,
  EntityAwsCostCard,
  EntityAwsEnvironmentContent,
  EntityEksClusterCard,
  EntityRdsDatabaseCard,
} from './EntityAwsEnvironment';
export {
  isAwsAlarmEntity,
  isAwsBudgetEntity,
  isAwsEnvironmentEntity,
  isEksClusterEntity,
  isRdsDatabaseEntity,
} from './entityAnnotations';
