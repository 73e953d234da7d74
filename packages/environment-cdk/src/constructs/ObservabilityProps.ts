/**
 * Alarm names and thresholds (the seed's: 5xx rate \> 1 %, p99 \> 2 s,
 * CPU and memory \> 80 %).
 *
 * @public
 */
export interface AlarmSettings {
  readonly errorRate: { name: string; thresholdPercent: number };
  readonly p99Latency: { name: string; thresholdSeconds: number };
  readonly nodeCpu: { name: string; thresholdPercent: number };
  readonly nodeMemory: { name: string; thresholdPercent: number };
  readonly databaseCpu: { name: string; thresholdPercent: number };
}

/**
 * Properties of {@link Observability}.
 *
 * @public
 */
export interface ObservabilityProps {
  readonly topicName: string;
  /** Address subscribed to the alarm topic (confirmation e-mail follows). */
  readonly alertEmail: string;
  /** `app/<name>/<id>`: the ALB's CloudWatch dimension. */
  readonly loadBalancerFullName: string;
  readonly clusterName: string;
  readonly databaseInstanceIdentifier: string;
  readonly alarms: AlarmSettings;
}
