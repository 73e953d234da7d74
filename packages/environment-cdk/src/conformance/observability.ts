import { SEED_DEFAULTS } from '@innovate/plugin-aws-environments-common';
import { literalNumber } from '../templates';
import { asArray, properties, resourceKey, result } from './query';
import type {
  Check,
  ClaimDefinition,
  ConformanceResource,
  ResourceReference,
  TemplateQuery,
} from './query';
import type { AlarmMetric, MetricDimension } from './resources';
import { allows, policyStatements } from './identity';

type Alarm = ConformanceResource<'AWS::CloudWatch::Alarm'>;

interface AlarmInfo {
  alarm: Alarm;
  metricNames: string[];
}

const metricsOf = (alarm: Alarm) =>
  asArray(alarm.properties.Metrics) as AlarmMetric[];

function alarms(t: TemplateQuery): AlarmInfo[] {
  return t.all('AWS::CloudWatch::Alarm').map(alarm => {
    const metricNames = [
      alarm.properties.MetricName,
      ...metricsOf(alarm).map(m => m.MetricStat?.Metric?.MetricName),
    ].filter(Boolean) as string[];
    return { alarm, metricNames };
  });
}

/** What an alarm must watch: the resource its metrics' dimension names. */
interface AlarmTarget {
  dimension: string;
  type:
    | 'AWS::ElasticLoadBalancingV2::LoadBalancer'
    | 'AWS::EKS::Cluster'
    | 'AWS::RDS::DBInstance';
  /** Property of the resource that the dimension may name literally. */
  nameProperty?: 'Name' | 'DBInstanceIdentifier';
}

function dimensionValues(alarm: Alarm, dimension: string): unknown[] {
  const metrics = metricsOf(alarm).map(m => m.MetricStat?.Metric ?? {});
  return [alarm.properties, ...metrics]
    .flatMap(
      metric =>
        asArray(
          (metric as { Dimensions?: unknown }).Dimensions,
        ) as MetricDimension[],
    )
    .filter(d => d.Name === dimension)
    .map(d => d.Value);
}

/** Whether every metric of the alarm is about the target resource. */
function watches(t: TemplateQuery, alarm: Alarm, target: AlarmTarget) {
  const resource = t.first(target.type);
  const values = dimensionValues(alarm, target.dimension);
  return (
    resource !== undefined &&
    values.length > 0 &&
    values.every(value => {
      const key = t.keyOf(alarm, value);
      return key
        ? key === resourceKey(resource)
        : target.nameProperty !== undefined &&
            value ===
              (resource.properties as Record<string, unknown>)[
                target.nameProperty
              ];
    })
  );
}

/** The resource each key alert must watch. */
const ALARM_TARGETS = {
  alb: {
    dimension: 'LoadBalancer',
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  },
  cluster: {
    dimension: 'ClusterName',
    type: 'AWS::EKS::Cluster',
    nameProperty: 'Name',
  },
  database: {
    dimension: 'DBInstanceIdentifier',
    type: 'AWS::RDS::DBInstance',
    nameProperty: 'DBInstanceIdentifier',
  },
} satisfies Record<string, AlarmTarget>;

/** A 5xx rate: the returned expression divides the 5xx count by requests. */
function isErrorRate({ alarm, metricNames }: AlarmInfo): boolean {
  const metrics = metricsOf(alarm);
  const idOf = (metricName: string) =>
    metrics.find(m => m.MetricStat?.Metric?.MetricName === metricName)?.Id;
  const errors = idOf('HTTPCode_Target_5XX_Count');
  const requests = idOf('RequestCount');
  const expression = String(
    metrics.find(m => m.Expression && m.ReturnData !== false)?.Expression ?? '',
  );
  // Metric ids match ^[a-z][a-zA-Z0-9_]*$: safe inside a pattern.
  return (
    metricNames.includes('HTTPCode_Target_5XX_Count') &&
    errors !== undefined &&
    requests !== undefined &&
    new RegExp(`\\b${errors}\\b`).test(expression) &&
    new RegExp(`/\\s*${requests}\\b`).test(expression)
  );
}

/** A seed alarm: what it watches, on which resource, above which threshold. */
interface AlarmClaim {
  id: string;
  /** What the title says is watched. */
  subject: string;
  /** What the evidence calls the alarm when there is none. */
  description: string;
  threshold: number;
  unit: string;
  seedText: string;
  target: AlarmTarget;
  matches: (a: AlarmInfo) => boolean;
}

function alarmClaim(claim: AlarmClaim): ClaimDefinition {
  const { description, threshold, target, matches } = claim;
  return {
    id: claim.id,
    title: `Alarm on ${claim.subject} above ${threshold} ${claim.unit}`,
    seedText: claim.seedText,
    check: t => {
      const found = alarms(t).find(matches);
      const p = properties(found?.alarm);
      const onTarget = found !== undefined && watches(t, found.alarm, target);
      return result(
        onTarget &&
          literalNumber(p.Threshold) === threshold &&
          p.ComparisonOperator === 'GreaterThanThreshold',
        found
          ? `${p.AlarmName}: ${found.metricNames.join(', ')} ${
              p.ComparisonOperator
            } ${p.Threshold}, on ${
              onTarget ? `the environment's ${target.type}` : 'another resource'
            }`
          : `no ${description} alarm`,
      );
    },
  };
}

const { alarms: seedAlarms } = SEED_DEFAULTS;
const CPU_MEMORY_SEED_TEXT = 'Key Alerts: CPU/memory >80%';

/** The seed's key alerts, in report order. */
export const alarmClaims: readonly ClaimDefinition[] = (
  [
    {
      id: 'alarm-error-rate',
      subject: 'API error rate',
      description: 'error rate',
      threshold: seedAlarms.errorRatePercent,
      unit: '%',
      seedText: 'Key Alerts: Error rate >1%',
      target: ALARM_TARGETS.alb,
      matches: isErrorRate,
    },
    {
      id: 'alarm-p99-latency',
      subject: 'API p99 latency',
      description: 'p99 latency',
      threshold: seedAlarms.p99LatencySeconds,
      unit: 's',
      seedText: 'Key Alerts: latency p99 >2s',
      target: ALARM_TARGETS.alb,
      matches: a =>
        a.metricNames.includes('TargetResponseTime') &&
        a.alarm.properties.ExtendedStatistic === 'p99',
    },
    {
      id: 'alarm-node-cpu',
      subject: 'node CPU',
      description: 'node CPU',
      threshold: seedAlarms.nodeCpuPercent,
      unit: '%',
      seedText: CPU_MEMORY_SEED_TEXT,
      target: ALARM_TARGETS.cluster,
      matches: a => a.metricNames.includes('node_cpu_utilization'),
    },
    {
      id: 'alarm-node-memory',
      subject: 'node memory',
      description: 'node memory',
      threshold: seedAlarms.nodeMemoryPercent,
      unit: '%',
      seedText: CPU_MEMORY_SEED_TEXT,
      target: ALARM_TARGETS.cluster,
      matches: a => a.metricNames.includes('node_memory_utilization'),
    },
    {
      id: 'alarm-database-cpu',
      subject: 'database CPU',
      description: 'database CPU',
      threshold: seedAlarms.databaseCpuPercent,
      unit: '%',
      seedText: CPU_MEMORY_SEED_TEXT,
      target: ALARM_TARGETS.database,
      matches: a =>
        a.metricNames.includes('CPUUtilization') &&
        a.alarm.properties.Namespace === 'AWS/RDS',
    },
  ] satisfies AlarmClaim[]
).map(alarmClaim);

/**
 * Whether CloudWatch may publish to the topic: SNS's default policy lets the
 * account's alarms publish, a topic policy must say so itself; a topic
 * encrypted with a customer managed key needs the key to allow CloudWatch.
 */
function cloudWatchMayPublish(
  t: TemplateQuery,
  topic: ResourceReference,
): boolean {
  const topicPolicies = t
    .all('AWS::SNS::TopicPolicy')
    .filter(policy =>
      asArray(policy.properties.Topics).some(
        value => t.keyOf(policy, value) === resourceKey(topic),
      ),
    );
  const publish =
    topicPolicies.length === 0 ||
    topicPolicies.some(policy =>
      policyStatements(policy.properties.PolicyDocument).some(s =>
        allows(s, 'cloudwatch.amazonaws.com', 'sns:Publish'),
      ),
    );
  const keyId = t.resourceOf(topic)?.Properties?.KmsMasterKeyId;
  if (keyId === undefined) {
    return publish;
  }
  const key = t.target(topic, keyId);
  const keyStatements = policyStatements(key?.Properties?.KeyPolicy);
  return (
    publish &&
    ['kms:Decrypt', 'kms:GenerateDataKey*'].every(action =>
      keyStatements.some(s => allows(s, 'cloudwatch.amazonaws.com', action)),
    )
  );
}

export const alarmsToSns: Check = t => {
  const all = alarms(t);
  const notifying = all.filter(({ alarm }) => {
    const actions = asArray(alarm.properties.AlarmActions).map(action =>
      t.resolve(alarm, action),
    );
    return (
      actions.length > 0 &&
      actions.every(
        action =>
          action !== undefined &&
          t.resourceOf(action)?.Type === 'AWS::SNS::Topic' &&
          cloudWatchMayPublish(t, action),
      )
    );
  });
  return result(
    all.length > 0 && notifying.length === all.length,
    `${notifying.length} of ${all.length} alarms notify an SNS topic that CloudWatch may publish to`,
  );
};

/** Said of the baseline's claims when the account brings its own. */
const EXISTING_BASELINE =
  "spec.baseline is existing: the account's own, not in these templates; the AWS preflight refuses to deploy unless it is there";

export const cloudTrail: Check = (t, spec) => {
  const trail = t.propertiesOf('AWS::CloudTrail::Trail');
  if (spec.baseline === 'existing' && !trail.TrailName) {
    return result(true, `${EXISTING_BASELINE} (a logging multi-region trail)`);
  }
  return result(
    trail.IsLogging === true && trail.IsMultiRegionTrail === true,
    trail.TrailName
      ? `trail ${trail.TrailName} in the account baseline: logging ${trail.IsLogging}, multi-region ${trail.IsMultiRegionTrail}, log file validation ${trail.EnableLogFileValidation}`
      : 'no CloudTrail trail',
  );
};

export const guardDuty: Check = (t, spec) => {
  const detector = t.first('AWS::GuardDuty::Detector');
  if (spec.baseline === 'existing' && !detector) {
    return result(true, `${EXISTING_BASELINE} (an enabled detector)`);
  }
  return result(
    properties(detector).Enable === true,
    detector
      ? `detector in the account baseline enabled: ${
          properties(detector).Enable
        }`
      : 'no GuardDuty detector',
  );
};
