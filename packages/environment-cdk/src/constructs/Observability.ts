import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ObservabilityProps } from './ObservabilityProps';

const PERIOD = Duration.minutes(5);

/** One alarm of the seed: its construct id, name, metric and threshold. */
interface AlarmDefinition {
  id: string;
  name: string;
  description: string;
  metric: cloudwatch.IMetric;
  threshold: number;
}

/** The seed's alarms, on the ALB, Container Insights and RDS metrics. */
function alarmDefinitions(props: ObservabilityProps): AlarmDefinition[] {
  const alb = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/ApplicationELB',
      metricName,
      dimensionsMap: { LoadBalancer: props.loadBalancerFullName },
      statistic,
      period: PERIOD,
    });
  const containerInsights = (metricName: string) =>
    new cloudwatch.Metric({
      namespace: 'ContainerInsights',
      metricName,
      dimensionsMap: { ClusterName: props.clusterName },
      statistic: 'Average',
      period: PERIOD,
    });
  const { alarms } = props;

  const definitions: AlarmDefinition[] = [
    {
      id: 'ErrorRateAlarm',
      name: alarms.errorRate.name,
      description: `API 5xx responses above ${alarms.errorRate.thresholdPercent} % of requests`,
      metric: new cloudwatch.MathExpression({
        expression:
          'IF(requests > 0, 100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests, 0)',
        usingMetrics: {
          requests: alb('RequestCount', 'Sum'),
          target5xx: alb('HTTPCode_Target_5XX_Count', 'Sum'),
          elb5xx: alb('HTTPCode_ELB_5XX_Count', 'Sum'),
        },
        label: '5xx error rate (%)',
        period: PERIOD,
      }),
      threshold: alarms.errorRate.thresholdPercent,
    },
    {
      id: 'P99LatencyAlarm',
      name: alarms.p99Latency.name,
      description: `API p99 latency above ${alarms.p99Latency.thresholdSeconds} s`,
      metric: alb('TargetResponseTime', 'p99'),
      threshold: alarms.p99Latency.thresholdSeconds,
    },
    {
      id: 'NodeCpuAlarm',
      name: alarms.nodeCpu.name,
      description: `EKS node CPU above ${alarms.nodeCpu.thresholdPercent} %`,
      metric: containerInsights('node_cpu_utilization'),
      threshold: alarms.nodeCpu.thresholdPercent,
    },
    {
      id: 'NodeMemoryAlarm',
      name: alarms.nodeMemory.name,
      description: `EKS node memory above ${alarms.nodeMemory.thresholdPercent} %`,
      metric: containerInsights('node_memory_utilization'),
      threshold: alarms.nodeMemory.thresholdPercent,
    },
    {
      id: 'DatabaseCpuAlarm',
      name: alarms.databaseCpu.name,
      description: `RDS CPU above ${alarms.databaseCpu.thresholdPercent} %`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName: 'CPUUtilization',
        dimensionsMap: {
          DBInstanceIdentifier: props.databaseInstanceIdentifier,
        },
        statistic: 'Average',
        period: PERIOD,
      }),
      threshold: alarms.databaseCpu.thresholdPercent,
    },
  ];

  return definitions;
}

/**
 * The seed's alerts as CloudWatch alarms on an encrypted SNS topic: API 5xx
 * rate and p99 latency at the ALB, node CPU and memory from Container
 * Insights, database CPU from RDS. Each alarm fires when 2 of the last 3
 * five-minute periods breach, and notifies again when it recovers.
 *
 * @public
 */
export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly topicKey: kms.Key;
  readonly alertSubscription: sns.Subscription;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);

    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: `Encryption of the ${props.topicName} SNS topic`,
      enableKeyRotation: true,
    });
    // CloudWatch alarms publish to the topic, so they must use its key.
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      topicName: props.topicName,
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    // An explicit id: `addSubscription` would derive it from the address.
    this.alertSubscription = new sns.Subscription(
      this,
      'AlertEmailSubscription',
      {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: props.alertEmail,
      },
    );

    const definitions = alarmDefinitions(props);
    const action = new actions.SnsAction(this.topic);
    this.alarms = definitions.map(definition => {
      const alarm = new cloudwatch.Alarm(this, definition.id, {
        alarmName: definition.name,
        alarmDescription: definition.description,
        metric: definition.metric,
        threshold: definition.threshold,
        comparisonOperator:
          cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return alarm;
    });
    // The topic's own policy (enforceSSL) replaces SNS's default one, which
    // let the account's alarms publish; allow these alarms explicitly.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromTheAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': this.alarms.map(a => a.alarmArn) },
        },
      }),
    );
  }
}
