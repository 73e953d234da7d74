import { Stack } from 'aws-cdk-lib';
import { environmentResourceNames } from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Edge, Observability } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * Properties of {@link ObservabilityStack}.
 *
 * @public
 */
export interface ObservabilityStackProps extends EnvironmentStackProps {
  readonly edge: Edge;
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
    const { spec, edge } = props;
    const names = environmentResourceNames(spec.name);
    this.observability = new Observability(this, 'Observability', {
      topicName: names.alarmTopic,
      alertEmail: spec.budget.alertEmail,
      loadBalancerFullName: edge.loadBalancer.loadBalancerFullName,
      clusterName: names.cluster,
      databaseInstanceIdentifier: names.database,
      alarms: {
        errorRate: {
          name: names.alarms.errorRate,
          thresholdPercent: spec.alarms.errorRatePercent,
        },
        p99Latency: {
          name: names.alarms.p99Latency,
          thresholdSeconds: spec.alarms.p99LatencySeconds,
        },
        nodeCpu: {
          name: names.alarms.nodeCpu,
          thresholdPercent: spec.alarms.nodeCpuPercent,
        },
        nodeMemory: {
          name: names.alarms.nodeMemory,
          thresholdPercent: spec.alarms.nodeMemoryPercent,
        },
        databaseCpu: {
          name: names.alarms.databaseCpu,
          thresholdPercent: spec.alarms.databaseCpuPercent,
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
