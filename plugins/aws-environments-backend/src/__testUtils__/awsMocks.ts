import { ACMClient } from '@aws-sdk/client-acm';
import { BudgetsClient, DescribeBudgetCommand } from '@aws-sdk/client-budgets';
import { Route53Client } from '@aws-sdk/client-route-53';
import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListAddonsCommand,
  DescribeInsightCommand,
  ListInsightsCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import {
  DescribeDBInstancesCommand,
  DescribePendingMaintenanceActionsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import {
  environmentResourceNames,
  EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import type { AwsClientFactory, AwsTarget } from '../services/AwsClients/types';

/** Fixed "now" of the AWS fixtures: mid-month, so there is a forecast. */
export const AWS_FIXTURE_NOW = new Date('2025-11-20T12:00:00Z');

/** An AWS SDK v3 service error, as the SDK throws it. */
export function awsError(name: string, message: string, attempts = 1) {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, attempts },
  });
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Answers every call of an environment's views the way AWS would (response
 * shapes of the SDK v3 output types), optionally after a delay.
 */
export function mockAwsEnvironment(
  spec: EnvironmentSpec,
  options: { delayMs?: number; now?: Date } = {},
) {
  const names = environmentResourceNames(spec.name);
  const { workloads, management } = spec.accounts;
  const region = spec.region;
  const now = DateTime.fromJSDate(options.now ?? AWS_FIXTURE_NOW, {
    zone: 'utc',
  });
  const delay = options.delayMs ?? 0;
  const answer =
    <I, O>(fn: (input: I) => O) =>
    async (input: I) => {
      if (delay > 0) {
        await sleep(delay);
      }
      return fn(input);
    };

  const groups = {
    [names.systemNodeGroup]: spec.cluster.systemNodeGroup,
    [names.applicationNodeGroup]: spec.cluster.applicationNodeGroup,
  };
  const eks = mockClient(EKSClient);
  eks.on(DescribeClusterCommand).callsFake(
    answer(() => ({
      cluster: {
        name: names.cluster,
        arn: `arn:aws:eks:${region}:${workloads}:cluster/${names.cluster}`,
        version: '1.32',
        status: 'ACTIVE',
        platformVersion: 'eks.9',
        endpoint:
          'https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com',
        resourcesVpcConfig: {
          endpointPublicAccess: false,
          endpointPrivateAccess: true,
          publicAccessCidrs: [],
        },
        encryptionConfig: [
          {
            resources: ['secrets'],
            provider: {
              keyArn: `arn:aws:kms:${region}:${workloads}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
            },
          },
        ],
        logging: {
          clusterLogging: [
            { types: ['api', 'audit', 'authenticator'], enabled: true },
            { types: ['controllerManager', 'scheduler'], enabled: false },
          ],
        },
      },
    })),
  );
  eks
    .on(ListNodegroupsCommand)
    .callsFake(answer(() => ({ nodegroups: Object.keys(groups) })));
  eks.on(DescribeNodegroupCommand).callsFake(
    answer((input: { nodegroupName: string }) => {
      const group = groups[input.nodegroupName] ?? {
        instanceType: 'g5.xlarge',
        minSize: 0,
        desiredSize: 0,
        maxSize: 2,
      };
      return {
        nodegroup: {
          nodegroupName: input.nodegroupName,
          nodegroupArn: `arn:aws:eks:${region}:${workloads}:nodegroup/${names.cluster}/${input.nodegroupName}/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
          clusterName: names.cluster,
          version: '1.32',
          status: 'ACTIVE',
          capacityType: 'ON_DEMAND',
          instanceTypes: [group.instanceType],
          amiType: 'AL2023_x86_64_STANDARD',
          scalingConfig: {
            minSize: group.minSize,
            desiredSize: group.desiredSize,
            maxSize: group.maxSize,
          },
          health: { issues: [] },
        },
      };
    }),
  );
  eks
    .on(ListAddonsCommand)
    .callsFake(answer(() => ({ addons: ['vpc-cni', 'coredns'] })));
  eks.on(DescribeAddonCommand).callsFake(
    answer((input: { addonName: string }) => ({
      addon: {
        addonName: input.addonName,
        clusterName: names.cluster,
        status: input.addonName === 'coredns' ? 'DEGRADED' : 'ACTIVE',
        addonVersion: 'v1.11.4-eksbuild.2',
        addonArn: `arn:aws:eks:${region}:${workloads}:addon/${names.cluster}/${input.addonName}/b2c3d4e5-EXAMPLE`,
        health: {
          issues:
            input.addonName === 'coredns'
              ? [
                  {
                    code: 'InsufficientNumberOfReplicas',
                    message:
                      "The add-on is unhealthy because it doesn't have the desired number of replicas.",
                  },
                ]
              : [],
        },
      },
    })),
  );
  eks.on(ListInsightsCommand).callsFake(
    answer(() => ({
      insights: [
        {
          id: 'a1b2c3d4-insight',
          name: 'Deprecated APIs removed in Kubernetes v1.33',
          category: 'UPGRADE_READINESS',
          kubernetesVersion: '1.33',
          lastRefreshTime: now.toJSDate(),
          insightStatus: {
            status: 'WARNING',
            reason: 'Deprecated API usage detected within last 30 days.',
          },
          description:
            'Checks for usage of deprecated APIs that are scheduled for removal in Kubernetes v1.33.',
        },
      ],
    })),
  );

  eks.on(DescribeInsightCommand).callsFake(
    answer((input: { id: string }) => ({
      insight: {
        id: input.id,
        name: 'Deprecated APIs removed in Kubernetes v1.33',
        category: 'UPGRADE_READINESS',
        kubernetesVersion: '1.33',
        insightStatus: { status: 'WARNING' },
        recommendation:
          'Update manifests and API clients to use newer Kubernetes APIs if applicable before upgrading to Kubernetes v1.33.',
      },
    })),
  );

  const dbArn = `arn:aws:rds:${region}:${workloads}:db:${names.database}`;
  const rds = mockClient(RDSClient);
  rds.on(DescribeDBInstancesCommand).callsFake(
    answer(() => ({
      DBInstances: [
        {
          DBInstanceIdentifier: names.database,
          DBInstanceArn: dbArn,
          DBInstanceClass: spec.database.instanceClass,
          Engine: 'postgres',
          EngineVersion: '15.8',
          DBInstanceStatus: 'available',
          StorageType: 'gp3',
          AllocatedStorage: spec.database.allocatedStorageGb,
          Iops: 3000,
          MultiAZ: spec.database.multiAz,
          StorageEncrypted: true,
          KmsKeyId: `arn:aws:kms:${region}:${workloads}:key/5678efgh-EXAMPLE`,
          BackupRetentionPeriod: spec.database.backupRetentionDays,
          LatestRestorableTime: now.minus({ minutes: 4 }).toJSDate(),
          PreferredBackupWindow: '03:00-04:00',
          PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
          DeletionProtection: true,
          Endpoint: {
            Address: `${names.database}.cabcdefghijk.${region}.rds.amazonaws.com`,
            Port: 5432,
          },
          PendingModifiedValues: { DBInstanceClass: 'db.t3.large' },
        },
      ],
    })),
  );
  rds.on(DescribePendingMaintenanceActionsCommand).callsFake(
    answer(() => ({
      PendingMaintenanceActions: [
        {
          ResourceIdentifier: dbArn,
          PendingMaintenanceActionDetails: [
            {
              Action: 'system-update',
              Description: 'New Operating System update is available',
              CurrentApplyDate: now.plus({ days: 5 }).toJSDate(),
            },
          ],
        },
      ],
    })),
  );

  const alarmNames = Object.values(names.alarms);
  const cloudWatch = mockClient(CloudWatchClient);
  cloudWatch.on(DescribeAlarmsCommand).callsFake(
    answer(() => ({
      MetricAlarms: [
        ...alarmNames.map(
          (name, i): MetricAlarm => ({
            AlarmName: name,
            AlarmArn: `arn:aws:cloudwatch:${region}:${workloads}:alarm:${name}`,
            StateValue: i === 1 ? 'ALARM' : 'OK',
            StateReason:
              'Threshold Crossed: 1 datapoint [0.5 (20/11/25 11:55:00)] was not greater than the threshold (1.0).',
            StateUpdatedTimestamp: now.minus({ hours: i }).toJSDate(),
            Namespace: 'AWS/ApplicationELB',
            MetricName: 'TargetResponseTime',
            Threshold: 80,
            ComparisonOperator: 'GreaterThanThreshold',
            EvaluationPeriods: 3,
          }),
        ),
        // Another environment whose name starts with this one's.
        {
          AlarmName: `${spec.name}-eu-node-cpu`,
          AlarmArn: `arn:aws:cloudwatch:${region}:${workloads}:alarm:${spec.name}-eu-node-cpu`,
          StateValue: 'ALARM',
          Threshold: 80,
          ComparisonOperator: 'GreaterThanThreshold',
        },
      ],
    })),
  );

  const monthStart = now.startOf('month');
  const days = Math.floor(now.diff(monthStart, 'days').days) + 1;
  const costExplorer = mockClient(CostExplorerClient);
  costExplorer.on(GetCostAndUsageCommand).callsFake(
    answer(() => ({
      GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      ResultsByTime: Array.from({ length: days }, (_, i) => ({
        TimePeriod: {
          Start: monthStart.plus({ days: i }).toISODate(),
          End: monthStart.plus({ days: i + 1 }).toISODate(),
        },
        Total: {},
        Groups: [
          {
            Keys: ['Amazon Elastic Compute Cloud - Compute'],
            Metrics: { UnblendedCost: { Amount: '4.0', Unit: 'USD' } },
          },
          {
            Keys: ['Amazon Elastic Container Service for Kubernetes'],
            Metrics: { UnblendedCost: { Amount: '2.4', Unit: 'USD' } },
          },
        ],
        Estimated: i === days - 1,
      })),
      DimensionValueAttributes: [],
    })),
  );
  costExplorer.on(GetCostForecastCommand).callsFake(
    answer(() => ({
      Total: { Amount: '64.0', Unit: 'USD' },
      ForecastResultsByTime: [
        {
          TimePeriod: {
            Start: now.plus({ days: 1 }).toISODate(),
            End: now.plus({ days: 2 }).toISODate(),
          },
          MeanValue: '6.4',
        },
      ],
    })),
  );
  const budgets = mockClient(BudgetsClient);
  budgets.on(DescribeBudgetCommand).callsFake(
    answer(() => ({
      Budget: {
        BudgetName: names.budget,
        BudgetLimit: { Amount: '450.0', Unit: 'USD' },
        TimeUnit: 'MONTHLY',
        BudgetType: 'COST',
      },
    })),
  );
  const cloudFormation = mockClient(CloudFormationClient);
  // The environment's stacks exist (a destroy asks which do).
  cloudFormation.on(DescribeStacksCommand).callsFake(input => ({
    Stacks: [
      {
        StackName: input.StackName,
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date('2025-11-01T00:00:00Z'),
      },
    ],
  }));
  // Bootstrapped accounts whose deploy roles the portal may assume.
  const sts = mockClient(STSClient);
  sts.on(AssumeRoleCommand).callsFake(input => ({
    Credentials: {
      AccessKeyId: `ASIA${input.RoleArn.split(':')[4]}`,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(Date.now() + 900_000),
    },
    AssumedRoleUser: {
      Arn: `${input.RoleArn}/${input.RoleSessionName}`,
      AssumedRoleId: `AROAEXAMPLE:${input.RoleSessionName}`,
    },
  }));
  const ssm = mockClient(SSMClient);
  ssm.on(GetParameterCommand).resolves({
    Parameter: {
      Name: '/cdk-bootstrap/hnb659fds/version',
      Type: 'String',
      Value: '28',
      Version: 1,
    },
  });
  // The account baseline: an enabled detector and a logging trail.
  const guardDuty = mockClient(GuardDutyClient);
  guardDuty
    .on(ListDetectorsCommand)
    .resolves({ DetectorIds: ['12abc34d567e8fa901bc2d34e56789f0'] });
  guardDuty.on(GetDetectorCommand).resolves({
    Status: 'ENABLED',
    ServiceRole: `arn:aws:iam::${workloads}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
  });
  const cloudTrail = mockClient(CloudTrailClient);
  cloudTrail.on(DescribeTrailsCommand).resolves({
    trailList: [
      {
        Name: `innovate-account-trail-${region}`,
        TrailARN: `arn:aws:cloudtrail:${region}:${workloads}:trail/innovate-account-trail-${region}`,
        IsMultiRegionTrail: true,
        HomeRegion: region,
      },
    ],
  });
  cloudTrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });

  const mocks = {
    eks,
    rds,
    cloudWatch,
    costExplorer,
    budgets,
    cloudFormation,
    sts,
    ssm,
    guardDuty,
    cloudTrail,
  };
  return {
    ...mocks,
    accounts: { workloads, management },
    restore() {
      for (const mock of Object.values(mocks)) {
        mock.restore();
      }
    },
  };
}

/**
 * Clients with fixed fake credentials: the mocks above replace their
 * `send`, so nothing leaves the process.
 */
export class MockedAwsClientFactory implements AwsClientFactory {
  readonly requestedAccounts: string[] = [];
  private readonly config = (region: string) => ({
    region,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });

  async credentials(accountId: string) {
    this.requestedAccounts.push(accountId);
    return {
      accountId,
      sdkCredentialProvider: async () => ({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret',
      }),
    };
  }
  /** A client of the account and region; its `send` is mocked above. */
  private client<C>(
    accountId: string,
    region: string,
    Client: new (config: ReturnType<MockedAwsClientFactory['config']>) => C,
  ): Promise<C> {
    this.requestedAccounts.push(accountId);
    return Promise.resolve(new Client(this.config(region)));
  }
  eks(target: AwsTarget) {
    return this.client(target.accountId, target.region, EKSClient);
  }
  rds(target: AwsTarget) {
    return this.client(target.accountId, target.region, RDSClient);
  }
  cloudWatch(target: AwsTarget) {
    return this.client(target.accountId, target.region, CloudWatchClient);
  }
  sts(target: AwsTarget) {
    return this.client(target.accountId, target.region, STSClient);
  }
  cloudFormation(target: AwsTarget) {
    return this.client(target.accountId, target.region, CloudFormationClient);
  }
  costExplorer(accountId: string) {
    return this.client(accountId, 'us-east-1', CostExplorerClient);
  }
  budgets(accountId: string) {
    return this.client(accountId, 'us-east-1', BudgetsClient);
  }
  acm(target: AwsTarget) {
    return this.client(target.accountId, target.region, ACMClient);
  }
  route53(accountId: string) {
    return this.client(accountId, 'us-east-1', Route53Client);
  }
}
