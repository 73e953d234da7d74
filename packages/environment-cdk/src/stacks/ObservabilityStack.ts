import { Stack } from 'aws-cdk-lib';
import { environmentResourceNames } from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Edge, Observability } from '../constructs';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * Properties of {@link ObservabilityStack}.
 *
 * @public
 */
export interface ObservabilityStackProps extends EnvironmentStackProps {
  readonly edge: Edge;
  /** The spec's `alarms` (thresholds). */
  readonly alarms: EnvironmentSpec['alarms'];
  /** Address subscribed to the alarm topic (the spec's `budget.alertEmail`). */
  readonly alertEmail: string;
}

/**
 * `<name>-observability`: the SNS topic and the seed's alarms.
 *
 * @public
 */
export class ObservabilityStack extends Stack {
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { edge, alarms } = props;
    const names = environmentResourceNames(props.environmentName);
    this.observability = new Observability(this, 'Observability', {
      topicName: names.alarmTopic,
      alertEmail: props.alertEmail,
      loadBalancerFullName: edge.loadBalancer.loadBalancerFullName,
      clusterName: names.cluster,
      databaseInstanceIdentifier: names.database,
      alarms: {
        errorRate: {
          name: names.alarms.errorRate,
          thresholdPercent: alarms.errorRatePercent,
        },
        p99Latency: {
          name: names.alarms.p99Latency,
          thresholdSeconds: alarms.p99LatencySeconds,
        },
        nodeCpu: {
          name: names.alarms.nodeCpu,
          thresholdPercent: alarms.nodeCpuPercent,
        },
        nodeMemory: {
          name: names.alarms.nodeMemory,
          thresholdPercent: alarms.nodeMemoryPercent,
        },
        databaseCpu: {
          name: names.alarms.databaseCpu,
          thresholdPercent: alarms.databaseCpuPercent,
        },
      },
    });
    addOutputs(this, {
      AlarmTopicArn: {
        value: this.observability.topic.topicArn,
      },
    });
  }
}
