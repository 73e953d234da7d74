import type { AlarmView } from './api/types';
import { SEED_DEFAULTS } from './spec/schema';

/**
 * The id of the aws-environments plugin: the backend plugin's id, the
 * frontend plugin's id and the name under which the discovery service finds
 * the backend.
 *
 * @public
 */
export const AWS_ENVIRONMENTS_PLUGIN_ID = 'aws-environments';

/**
 * Topic of the events the backend publishes after each finished deployment
 * (payload {@link AwsEnvironmentsEventPayload}); the catalog module refreshes
 * on it.
 *
 * @public
 */
export const AWS_ENVIRONMENTS_TOPIC = 'aws-environments';

/**
 * Payload of the events on {@link AWS_ENVIRONMENTS_TOPIC}.
 *
 * @public
 */
export interface AwsEnvironmentsEventPayload {
  environment: string;
  change: 'deployed' | 'destroyed';
}

/**
 * The tag every resource of an environment carries, with the environment's
 * name as value; the cost view filters Cost Explorer by it (activate it as a
 * cost allocation tag in the management account).
 *
 * @public
 */
export const ENVIRONMENT_COST_ALLOCATION_TAG = 'innovate:environment';

/**
 * The seed's alarm threshold per alarm kind, in the alarm's unit (percent,
 * seconds).
 *
 * @public
 */
export const SEED_ALARM_THRESHOLDS: Readonly<
  Partial<Record<AlarmView['kind'], number>>
> = {
  'error-rate': SEED_DEFAULTS.alarms.errorRatePercent,
  'p99-latency': SEED_DEFAULTS.alarms.p99LatencySeconds,
  'node-cpu': SEED_DEFAULTS.alarms.nodeCpuPercent,
  'node-memory': SEED_DEFAULTS.alarms.nodeMemoryPercent,
  'database-cpu': SEED_DEFAULTS.alarms.databaseCpuPercent,
};
