import {
  environmentResourceNames,
  type CostEstimate,
} from '@innovate/plugin-aws-environments-common';
import type {
  EnvironmentListItem,
  RecordedStack,
} from '../../EnvironmentRegistry/types';
import type {
  FleetAlarms,
  FleetCosts,
  FleetDataSource,
} from '../../Fleet/types';
import type { DeployedEnvironment } from '../types';
import { SandboxDataSource } from './SandboxDataSource';

/**
 * Complete days (before today) of the daily series the aws fleet's
 * forecast rate is the mean of.
 */
const RECENT_DAYS = 7;

/**
 * The environment as the sandbox's views read it, with a stack of the
 * alarms its CDK app defines (by the app's names): a listed environment
 * comes without its templates, which the fleet does not read.
 */
function asDeployed(environment: EnvironmentListItem): DeployedEnvironment {
  const alarms = Object.values(
    environmentResourceNames(environment.name).alarms,
  );
  const stack: RecordedStack = {
    id: 'fleet',
    stackName: `${environment.name}-fleet`,
    account: environment.spec.accounts.workloads,
    region: environment.spec.region,
    stateful: false,
    terminationProtection: false,
    template: {
      Resources: Object.fromEntries(
        alarms.map((name, i) => [
          `Alarm${i}`,
          { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmName: name } },
        ]),
      ),
    },
  };
  return {
    ...environment,
    stacks: [stack],
    entities: null,
    checks: null,
  };
}

/**
 * The fleet's reads in the sandbox: the same numbers as the sandbox's
 * single cost and alarm views (the cost model's deterministic daily costs,
 * the seeded alarm states), in the fleet's shape. Nothing here is real AWS
 * data.
 */
export class SandboxFleetSource implements FleetDataSource {
  readonly kind = 'sandbox' as const;
  private readonly views: SandboxDataSource;

  constructor(options: {
    now?: () => Date;
    estimate: (environment: DeployedEnvironment) => CostEstimate;
  }) {
    this.views = new SandboxDataSource(options);
  }

  async costs(
    _managementAccount: string,
    environments: EnvironmentListItem[],
  ): Promise<FleetCosts> {
    const result: FleetCosts = {
      period: { start: '', end: '' },
      daysLeft: 0,
      byEnvironment: {},
      untaggedUsd: 0,
      forecastByEnvironment: {},
    };
    for (const environment of environments) {
      const view = await this.views.getView('cost', asDeployed(environment));
      const actual = view.daily.filter(day => !day.forecast);
      // As in aws: the rate is of complete days, before today (the last).
      const recent = actual.slice(0, -1).slice(-RECENT_DAYS);
      result.period = view.period;
      result.daysLeft = view.daily.length - actual.length;
      result.byEnvironment[environment.name] = {
        [environment.spec.accounts.workloads]: {
          monthToDateUsd: view.monthToDateUsd,
          recentUsd: recent.reduce((sum, day) => sum + day.amountUsd, 0),
          recentDays: recent.length,
        },
      };
      result.forecastByEnvironment![environment.name] = view.forecastUsd ?? 0;
    }
    return result;
  }

  async firingAlarms(
    _scope: { accountId: string; region: string },
    environments: EnvironmentListItem[],
  ): Promise<FleetAlarms> {
    const firing: string[] = [];
    for (const environment of environments) {
      const view = await this.views.getView('alarms', asDeployed(environment));
      for (const alarm of view.alarms) {
        if (alarm.state === 'ALARM') {
          firing.push(alarm.name);
        }
      }
    }
    return { firing };
  }
}
