import { NotFoundError } from '@backstage/errors';
import {
  AlarmState,
  AlarmsView,
  AlarmView,
  budgetVerdict,
  ClusterView,
  CostEstimate,
  CostView,
  DailySpend,
  DatabaseView,
  DriftView,
  isJsonObject,
  literalBoolean,
  literalNumber,
  literalString,
  literalStrings,
  propertyAt,
  UpgradeInsightView,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import { clusterLifecycle, databaseLifecycle } from '../lifecycle';
import { DateTime } from 'luxon';
import { hash32, hexId, unitInterval } from '../../../lib/deterministic';
import {
  addonResources,
  alarmKind,
  alarmResources,
  deployedCluster,
  deployedDatabase,
  isBehind,
  nodegroupName,
  nodegroupResources,
  seedThreshold,
  TARGET_KUBERNETES_VERSION,
} from '../environmentParts';
import { roundUsd } from '../costMath';
import { sandboxDomainView } from './sandboxDomain';
import { sandboxUuid } from './sandboxIds';
import {
  DeployedEnvironment,
  EnvironmentDataSource,
  ViewData,
  Views,
} from '../types';

/** Day-to-day spread of sandbox daily costs around the model's daily mean. */
const DAILY_VARIATION = 0.12;

const SANDBOX_STATE_REASONS: Record<AlarmState, string> = {
  OK: 'Sandbox: the simulated datapoints did not cross the threshold',
  ALARM: 'Sandbox: a simulated datapoint crossed the threshold',
  INSUFFICIENT_DATA:
    'Sandbox: no simulated datapoints in the evaluation period',
};

/** Mostly OK: about 1 alarm in 25 is in ALARM, 1 in 25 has no data. */
function sandboxAlarmState(seed: string): AlarmState {
  const roll = hash32(seed) % 100;
  if (roll < 4) {
    return 'ALARM';
  }
  if (roll < 8) {
    return 'INSUFFICIENT_DATA';
  }
  return 'OK';
}

/**
 * When a sandbox alarm last changed state: a fixed minute of the day before
 * `today`, from the seed, so it is in the past and the same all day, as a
 * real alarm's stays until its next transition (the guardrail checks see one
 * episode, not a new one every read).
 */
function stableChangeTime(today: DateTime, seed: string) {
  return today
    .minus({ days: 1 })
    .plus({ minutes: hash32(seed) % (24 * 60) })
    .toISO()!;
}

/** EKS upgrade insights for the next minor version, all passing. */
function sandboxInsights(version: string): UpgradeInsightView[] {
  const [major, minor] = version.split('.').map(Number);
  const next = `${major}.${(minor ?? 0) + 1}`;
  return [
    {
      id: `sandbox-deprecated-apis-${next}`,
      name: `Deprecated APIs removed in Kubernetes v${next}`,
      category: 'UPGRADE_READINESS',
      status: 'PASSING',
      reason: 'Sandbox: no deprecated API usage detected',
      kubernetesVersion: next,
    },
    {
      id: 'sandbox-kubelet-version-skew',
      name: 'Kubelet version skew',
      category: 'UPGRADE_READINESS',
      status: 'PASSING',
      reason: 'Sandbox: node kubelets match the control plane version',
      kubernetesVersion: next,
    },
  ];
}

/**
 * Serves the views of sandbox environments from what their deployment
 * recorded: the synthesized templates and the cost model. Nothing here is
 * real AWS data; every view says `source: 'sandbox'`. Pseudo-random parts
 * (alarm states, daily costs) are seeded by environment and date, so every
 * instance shows the same numbers all day.
 */
export class SandboxDataSource implements EnvironmentDataSource {
  readonly kind = 'sandbox' as const;

  constructor(
    private readonly options: {
      now?: () => Date;
      /** The cost model, for environments recorded without an estimate. */
      estimate: (environment: DeployedEnvironment) => CostEstimate;
    },
  ) {}

  private now(): DateTime {
    return DateTime.fromJSDate(this.options.now?.() ?? new Date(), {
      zone: 'utc',
    });
  }

  async getView<V extends ViewName>(
    view: V,
    environment: DeployedEnvironment,
  ): Promise<ViewData<Views[V]>> {
    const views: { [K in ViewName]: () => ViewData<Views[K]> } = {
      cluster: () => this.cluster(environment),
      database: () => this.database(environment),
      alarms: () => this.alarms(environment),
      cost: () => this.cost(environment),
      drift: () => this.drift(environment),
      domain: () => sandboxDomainView(environment),
    };
    return views[view]() as ViewData<Views[V]>;
  }

  /** Nothing runs in the sandbox, so nothing can drift from its template. */
  private drift(environment: DeployedEnvironment): ViewData<DriftView> {
    return {
      status: 'IN_SYNC',
      note: "Sandbox: the environment has no live AWS resources, so nothing can drift from its templates. Drift detection (CloudFormation's) runs in 'aws' mode.",
      stacks: environment.stacks.map(stack => ({
        name: stack.stackName,
        status: 'IN_SYNC',
        resources: [],
      })),
    };
  }

  private cluster(environment: DeployedEnvironment): ViewData<ClusterView> {
    const { resource, name } = deployedCluster(environment);
    const { spec } = environment;
    const props = resource.properties;
    const version =
      literalString(props.Version) ?? spec.cluster.kubernetesVersion;
    const region = resource.stack.region;
    const account = resource.stack.account;
    const vpc = (key: string) => propertyAt(props, 'ResourcesVpcConfig', key);
    const publicAccessCidrs = literalStrings(vpc('PublicAccessCidrs'));
    const endpointPublicAccess =
      literalBoolean(vpc('EndpointPublicAccess')) ?? true;
    const encryption = props.EncryptionConfig;
    const logTypes = propertyAt(
      props,
      'Logging',
      'ClusterLogging',
      'EnabledTypes',
    );
    const enabledLogTypes = Array.isArray(logTypes)
      ? logTypes.flatMap(entry => {
          const type = isJsonObject(entry)
            ? literalString(entry.Type)
            : undefined;
          return type ? [type] : [];
        })
      : [];
    return {
      name,
      arn: `arn:aws:eks:${region}:${account}:cluster/${name}`,
      version,
      targetVersion: TARGET_KUBERNETES_VERSION,
      behindTarget: isBehind(version, TARGET_KUBERNETES_VERSION),
      status: 'ACTIVE',
      endpoint: `https://SANDBOX${hexId(
        `${environment.name}:eks`,
        24,
      ).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
      endpointPublicAccess,
      endpointPrivateAccess:
        literalBoolean(vpc('EndpointPrivateAccess')) ?? false,
      publicAccessCidrs:
        publicAccessCidrs.length > 0 || !endpointPublicAccess
          ? publicAccessCidrs
          : ['0.0.0.0/0'],
      secretsEncryption: Array.isArray(encryption) && encryption.length > 0,
      enabledLogTypes,
      nodeGroups: nodegroupResources(environment).map(nodegroup => {
        const p = nodegroup.properties;
        const scaling = (key: string) =>
          literalNumber(propertyAt(p, 'ScalingConfig', key)) ?? 0;
        return {
          name: nodegroupName(nodegroup) ?? nodegroup.logicalId,
          status: 'ACTIVE',
          instanceTypes: literalStrings(p.InstanceTypes),
          capacityType: literalString(p.CapacityType) ?? 'ON_DEMAND',
          ...(literalString(p.AmiType)
            ? { amiType: literalString(p.AmiType) }
            : {}),
          kubernetesVersion: literalString(p.Version) ?? version,
          minSize: scaling('MinSize'),
          desiredSize: scaling('DesiredSize'),
          maxSize: scaling('MaxSize'),
          healthIssues: [],
        };
      }),
      addons: addonResources(environment).map(addon => ({
        name: literalString(addon.properties.AddonName) ?? addon.logicalId,
        ...(literalString(addon.properties.AddonVersion)
          ? { version: literalString(addon.properties.AddonVersion) }
          : {}),
        status: 'ACTIVE',
        issues: [],
      })),
      insights: sandboxInsights(version),
      lifecycle: clusterLifecycle(version, this.now().toJSDate()),
    };
  }

  private database(environment: DeployedEnvironment): ViewData<DatabaseView> {
    const { resource, identifier } = deployedDatabase(environment);
    const { spec } = environment;
    const p = resource.properties;
    const { region, account } = resource.stack;
    const backupRetentionDays =
      literalNumber(p.BackupRetentionPeriod) ??
      spec.database.backupRetentionDays;
    const storageEncrypted = literalBoolean(p.StorageEncrypted) ?? false;
    const iops = literalNumber(p.Iops);
    const backupWindow = literalString(p.PreferredBackupWindow);
    const maintenanceWindow = literalString(p.PreferredMaintenanceWindow);
    return {
      identifier,
      arn: `arn:aws:rds:${region}:${account}:db:${identifier}`,
      status: 'available',
      instanceClass:
        literalString(p.DBInstanceClass) ?? spec.database.instanceClass,
      engine: literalString(p.Engine) ?? 'postgres',
      engineVersion:
        literalString(p.EngineVersion) ?? spec.database.engineVersion,
      storageType: literalString(p.StorageType) ?? spec.database.storageType,
      allocatedStorageGb:
        literalNumber(p.AllocatedStorage) ?? spec.database.allocatedStorageGb,
      ...(iops !== undefined ? { iops } : {}),
      multiAz: literalBoolean(p.MultiAZ) ?? spec.database.multiAz,
      storageEncrypted,
      ...(storageEncrypted
        ? {
            kmsKeyId: `arn:aws:kms:${region}:${account}:key/${sandboxUuid(
              `${environment.name}:rds-key`,
            )}`,
          }
        : {}),
      backupRetentionDays,
      // Automated backups make the instance restorable to about five minutes ago.
      latestRestorableTime:
        backupRetentionDays > 0
          ? this.now().minus({ minutes: 5 }).startOf('minute').toISO()
          : null,
      ...(backupWindow ? { preferredBackupWindow: backupWindow } : {}),
      ...(maintenanceWindow
        ? { preferredMaintenanceWindow: maintenanceWindow }
        : {}),
      deletionProtection: literalBoolean(p.DeletionProtection) ?? false,
      endpoint: `${identifier}.sandbox${hexId(
        `${environment.name}:rds`,
        12,
      )}.${region}.rds.amazonaws.com`,
      pendingMaintenance: [],
      pendingModifications: {},
      lifecycle: databaseLifecycle(
        {
          engine: literalString(p.Engine) ?? 'postgres',
          engineVersion:
            literalString(p.EngineVersion) ?? spec.database.engineVersion,
          instanceClass:
            literalString(p.DBInstanceClass) ?? spec.database.instanceClass,
          multiAz: literalBoolean(p.MultiAZ) ?? spec.database.multiAz,
        },
        this.now().toJSDate(),
      ),
    };
  }

  private alarms(environment: DeployedEnvironment): ViewData<AlarmsView> {
    const today = this.now().startOf('day');
    const alarms = alarmResources(environment).map((resource): AlarmView => {
      const p = resource.properties;
      const name = literalString(p.AlarmName) ?? resource.logicalId;
      const kind = alarmKind(environment.name, name);
      const threshold = literalNumber(p.Threshold) ?? 0;
      const comparisonOperator =
        literalString(p.ComparisonOperator) ?? 'GreaterThanThreshold';
      const seed = `${environment.name}:${today.toISODate()}:${name}`;
      const state = sandboxAlarmState(seed);
      const namespace = literalString(p.Namespace);
      const metricName = literalString(p.MetricName);
      const unit = literalString(p.Unit);
      const description = literalString(p.AlarmDescription);
      const seeded = seedThreshold(kind);
      return {
        name,
        arn: `arn:aws:cloudwatch:${resource.stack.region}:${resource.stack.account}:alarm:${name}`,
        ...(description ? { description } : {}),
        kind,
        ...(namespace ? { namespace } : {}),
        ...(metricName ? { metricName } : {}),
        state,
        threshold,
        comparisonOperator,
        ...(unit ? { unit } : {}),
        ...(seeded !== undefined ? { seedThreshold: seeded } : {}),
        stateReason: SANDBOX_STATE_REASONS[state],
        stateUpdatedAt: stableChangeTime(today, `${seed}:at`),
      };
    });
    return { alarms };
  }

  private cost(environment: DeployedEnvironment): ViewData<CostView> {
    if (environment.status === 'destroyed') {
      throw new NotFoundError(
        `Environment '${environment.name}' is destroyed; the sandbox has no costs for it`,
      );
    }
    const estimate =
      environment.checks?.estimate ?? this.options.estimate(environment);
    const now = this.now();
    const monthStart = now.startOf('month');
    const today = now.startOf('day');
    const daysInMonth = now.daysInMonth ?? 30;
    const dailyMean = estimate.totalMonthlyUsd / daysInMonth;
    const daily: DailySpend[] = [];
    for (
      let day = monthStart;
      day <= monthStart.endOf('month');
      day = day.plus({ days: 1 })
    ) {
      const date = day.toISODate()!;
      const forecast = day > today;
      const variation = forecast
        ? 0
        : (unitInterval(`${environment.name}:${date}`) - 0.5) *
          2 *
          DAILY_VARIATION;
      daily.push({
        date,
        amountUsd: roundUsd(dailyMean * (1 + variation)),
        forecast,
      });
    }
    const monthToDateUsd = roundUsd(
      daily.filter(d => !d.forecast).reduce((sum, d) => sum + d.amountUsd, 0),
    );
    const forecastUsd = roundUsd(
      daily.reduce((sum, d) => sum + d.amountUsd, 0),
    );

    const byServiceMonthly = new Map<string, number>();
    for (const line of estimate.lines) {
      byServiceMonthly.set(
        line.service,
        (byServiceMonthly.get(line.service) ?? 0) + line.monthlyUsd,
      );
    }
    const byService = [...byServiceMonthly.entries()]
      .map(([service, monthly]) => ({
        service,
        amountUsd: roundUsd(
          estimate.totalMonthlyUsd > 0
            ? (monthToDateUsd * monthly) / estimate.totalMonthlyUsd
            : 0,
        ),
      }))
      .sort((a, b) => b.amountUsd - a.amountUsd);

    const budgetUsd = environment.spec.budget.monthlyUsd;
    return {
      currency: 'USD',
      period: { start: monthStart.toISODate()!, end: today.toISODate()! },
      monthToDateUsd,
      forecastUsd,
      budget: { amountUsd: budgetUsd, from: 'spec' },
      verdict: budgetVerdict(forecastUsd, budgetUsd),
      byService,
      daily,
      estimate,
    };
  }
}
