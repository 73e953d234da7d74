import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { DescribeBudgetCommand } from '@aws-sdk/client-budgets';
import { DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  ListInsightsCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import {
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import {
  defaultEnvironmentSpec,
  estimateFromSpec,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AWS_FIXTURE_NOW,
  awsError,
  MockedAwsClientFactory,
  mockAwsEnvironment,
} from '../../../__testUtils__/awsMocks';
import { domainEnvironment } from '../../../__testUtils__/domainEnvironment';
import { fixtureSynthesis } from '../../../__testUtils__/fakeSynthesizer';
import {
  fixtureEnvironment,
  SEED_SYSTEM_NODE_GROUP,
} from '../../../__testUtils__/fixtureEnvironment';
import { DataSourceError } from '../../../errors';
import type { DeployedEnvironment } from '../types';
import { AwsDataSource } from './AwsDataSource';

const spec = defaultEnvironmentSpec();
const synthesis = fixtureSynthesis(spec);
const environment: DeployedEnvironment = fixtureEnvironment(spec, {
  source: 'aws',
  entities: synthesis.entities,
});

const VIEWS: ViewName[] = ['cluster', 'database', 'alarms', 'cost'];

describe('AwsDataSource', () => {
  let aws: ReturnType<typeof mockAwsEnvironment>;
  let clients: MockedAwsClientFactory;
  let source: AwsDataSource;

  beforeEach(() => {
    aws = mockAwsEnvironment(spec);
    clients = new MockedAwsClientFactory();
    source = new AwsDataSource({
      clients,
      costAllocationTag: 'innovate:environment',
      estimate: env => estimateFromSpec(env.spec),
      now: () => AWS_FIXTURE_NOW,
    });
  });
  afterEach(() => aws.restore());

  async function settle() {
    const results = await Promise.allSettled(
      VIEWS.map(view => source.getView(view, environment)),
    );
    return Object.fromEntries(
      VIEWS.map((view, i) => [view, results[i]]),
    ) as Record<ViewName, PromiseSettledResult<unknown>>;
  }

  it('reads the cluster from EKS', async () => {
    const cluster = await source.getView('cluster', environment);
    expect(cluster).toEqual({
      name: 'innovate-prod',
      arn: 'arn:aws:eks:us-east-1:222222222222:cluster/innovate-prod',
      version: '1.32',
      targetVersion: '1.33',
      behindTarget: true,
      status: 'ACTIVE',
      platformVersion: 'eks.9',
      endpoint: expect.stringMatching(/^https:\/\//),
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      publicAccessCidrs: [],
      secretsEncryption: true,
      enabledLogTypes: ['api', 'audit', 'authenticator'],
      nodeGroups: [
        expect.objectContaining({
          ...SEED_SYSTEM_NODE_GROUP,
          healthIssues: [],
        }),
        expect.objectContaining({
          name: 'innovate-prod-application',
          maxSize: 20,
        }),
      ],
      addons: [
        {
          name: 'vpc-cni',
          version: 'v1.11.4-eksbuild.2',
          status: 'ACTIVE',
          issues: [],
        },
        {
          name: 'coredns',
          version: 'v1.11.4-eksbuild.2',
          status: 'DEGRADED',
          issues: [expect.stringMatching(/^InsufficientNumberOfReplicas: /)],
        },
      ],
      insights: [
        expect.objectContaining({
          status: 'WARNING',
          kubernetesVersion: '1.33',
          recommendation: expect.stringMatching(/^Update manifests/),
        }),
      ],
      lifecycle: expect.objectContaining({
        version: '1.32',
        support: 'standard',
        standardSupportEnds: '2026-03-23',
      }),
    });
    // Node groups known from the template are described without waiting for the list.
    expect(aws.eks.commandCalls(DescribeNodegroupCommand)).toHaveLength(2);
    expect(clients.requestedAccounts).toEqual(['222222222222']);
  });

  it('describes node groups that exist in AWS but not in the template', async () => {
    aws.eks.on(ListNodegroupsCommand).resolves({
      nodegroups: [
        'innovate-prod-system',
        'innovate-prod-application',
        'innovate-prod-gpu',
      ],
    });
    const cluster = await source.getView('cluster', environment);
    expect(cluster.nodeGroups.map(n => n.name)).toEqual([
      'innovate-prod-system',
      'innovate-prod-application',
      'innovate-prod-gpu',
    ]);
  });

  it('reads the database from RDS', async () => {
    const database = await source.getView('database', environment);
    expect(database).toMatchObject({
      identifier: 'innovate-prod-db',
      arn: 'arn:aws:rds:us-east-1:222222222222:db:innovate-prod-db',
      status: 'available',
      instanceClass: 'db.t3.medium',
      engine: 'postgres',
      engineVersion: '15.8',
      storageType: 'gp3',
      allocatedStorageGb: 100,
      iops: 3000,
      multiAz: false,
      storageEncrypted: true,
      backupRetentionDays: 14,
      latestRestorableTime: '2025-11-20T11:56:00.000Z',
      deletionProtection: true,
      pendingMaintenance: [
        {
          action: 'system-update',
          description: 'New Operating System update is available',
          currentApplyDate: '2025-11-25T12:00:00.000Z',
        },
      ],
      pendingModifications: { DBInstanceClass: 'db.t3.large' },
    });
  });

  it("reads the environment's alarms, not those of a similarly named one", async () => {
    const { alarms } = await source.getView('alarms', environment);
    expect(alarms.map(a => a.name)).toEqual([
      'innovate-prod-api-error-rate',
      'innovate-prod-api-p99-latency',
      'innovate-prod-node-cpu',
      'innovate-prod-node-memory',
      'innovate-prod-db-cpu',
    ]);
    expect(alarms[1]).toMatchObject({
      kind: 'p99-latency',
      state: 'ALARM',
      seedThreshold: 2,
    });
    expect(
      aws.cloudWatch.commandCalls(DescribeAlarmsCommand)[0].args[0].input,
    ).toMatchObject({
      AlarmNamePrefix: 'innovate-prod-',
    });
  });

  it('reads month-to-date, forecast and budget from the management account', async () => {
    const cost = await source.getView('cost', environment);
    expect(cost).toMatchObject({
      period: { start: '2025-11-01', end: '2025-11-20' },
      monthToDateUsd: 128,
      forecastUsd: 192,
      budget: { amountUsd: 450, from: 'budgets' },
      verdict: 'under',
      byService: [
        { service: 'Amazon Elastic Compute Cloud - Compute', amountUsd: 80 },
        {
          service: 'Amazon Elastic Container Service for Kubernetes',
          amountUsd: 48,
        },
      ],
    });
    expect(cost.daily).toHaveLength(21);
    expect(cost.daily.at(-1)).toEqual({
      date: '2025-11-21',
      amountUsd: 6.4,
      forecast: true,
    });
    expect(cost.estimate.lines.length).toBeGreaterThan(0);
    expect(clients.requestedAccounts).toEqual(['111111111111', '111111111111']);
    const usage = aws.costExplorer.commandCalls(GetCostAndUsageCommand)[0]
      .args[0].input;
    expect(usage).toMatchObject({
      TimePeriod: { Start: '2025-11-01', End: '2025-11-21' },
      Granularity: 'DAILY',
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      Filter: {
        Tags: {
          Key: 'innovate:environment',
          Values: ['innovate-prod'],
          MatchOptions: ['EQUALS'],
        },
      },
    });
  });

  it('has no forecast (null) when Cost Explorer lacks history, and the spec budget without a Budgets budget', async () => {
    aws.costExplorer
      .on(GetCostForecastCommand)
      .rejects(
        awsError(
          'DataUnavailableException',
          'Insufficient amount of historical data to generate forecast.',
        ),
      );
    aws.budgets
      .on(DescribeBudgetCommand)
      .rejects(
        awsError(
          'NotFoundException',
          "Unable to get budget: innovate-prod-monthly - the budget doesn't exist.",
        ),
      );
    const cost = await source.getView('cost', environment);
    expect(cost.forecastUsd).toBeNull();
    expect(cost.budget).toEqual({ amountUsd: 430, from: 'spec' });
    expect(cost.verdict).toBe('under');
    expect(cost.daily.every(d => !d.forecast)).toBe(true);
  });

  describe('faults fail only the view of the failing service', () => {
    const workloads = 'the workloads account 222222222222 (us-east-1)';
    const management = 'the management account 111111111111 (us-east-1)';
    // Per service: the view, the IAM action in the message, where it runs,
    // its mocked command, and the error codes that service answers with.
    const services = [
      {
        view: 'cluster',
        action: 'eks:DescribeCluster',
        where: workloads,
        mock: () => aws.eks.on(DescribeClusterCommand),
        throttled: 'ThrottlingException',
        denied: 'AccessDeniedException',
      },
      {
        view: 'database',
        action: 'rds:DescribeDBInstances',
        where: workloads,
        mock: () => aws.rds.on(DescribeDBInstancesCommand),
        throttled: 'Throttling',
        denied: 'AccessDenied',
      },
      {
        view: 'alarms',
        action: 'cloudwatch:DescribeAlarms',
        where: workloads,
        mock: () => aws.cloudWatch.on(DescribeAlarmsCommand),
        throttled: 'Throttling',
        denied: 'AccessDenied',
      },
      {
        view: 'cost',
        action: 'ce:GetCostAndUsage',
        where: management,
        mock: () => aws.costExplorer.on(GetCostAndUsageCommand),
        throttled: 'LimitExceededException',
        denied: 'AccessDeniedException',
      },
      {
        view: 'cost',
        action: 'ce:GetCostForecast',
        where: management,
        mock: () => aws.costExplorer.on(GetCostForecastCommand),
        throttled: 'LimitExceededException',
        denied: 'AccessDeniedException',
      },
      {
        view: 'cost',
        action: 'budgets:ViewBudget',
        where: management,
        mock: () => aws.budgets.on(DescribeBudgetCommand),
        throttled: 'ThrottlingException',
        denied: 'AccessDeniedException',
      },
    ] as const;
    const faults = [
      {
        fault: 'throttling',
        error: (s: (typeof services)[number]) =>
          awsError(s.throttled, 'Rate exceeded', 4),
        failure: 'throttled',
        message: (s: (typeof services)[number]) =>
          `AWS is throttling ${s.action} in ${s.where} after 4 attempts; try again in a minute. AWS said: Rate exceeded`,
      },
      {
        fault: 'AccessDenied',
        error: (s: (typeof services)[number]) =>
          awsError(s.denied, `User is not authorized to perform: ${s.action}`),
        failure: 'access-denied',
        message: (s: (typeof services)[number]) =>
          `Access denied: the credentials configured for ${s.where} may not call ${s.action}`,
      },
      {
        fault: 'timeout',
        error: () =>
          awsError('TimeoutError', 'Request timed out after 10000 ms', 4),
        failure: 'timeout',
        message: (s: (typeof services)[number]) =>
          `${s.action} in ${s.where} did not answer in time after 4 attempts; AWS or the network is slow, try again later.`,
      },
    ] as const;

    it.each(
      services.flatMap(service =>
        faults.map(fault => [service.action, fault.fault, service, fault]),
      ) as Array<
        [string, string, (typeof services)[number], (typeof faults)[number]]
      >,
    )('%s: %s', async (_action, _fault, service, fault) => {
      service.mock().rejects(fault.error(service));
      const results = await settle();
      expect(VIEWS.filter(view => results[view].status === 'rejected')).toEqual(
        [service.view],
      );
      const reason = (results[service.view] as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(DataSourceError);
      expect(reason.failure).toBe(fault.failure);
      expect(reason.message).toContain(fault.message(service));
    });
  });

  it.each([
    [
      'cluster',
      () =>
        aws.eks.on(DescribeClusterCommand).resolves({
          cluster: {
            name: 'innovate-prod',
            arn: 'arn:aws:eks:us-east-1:222222222222:cluster/innovate-prod',
            status: 'ACTIVE',
          },
        }),
      "eks:DescribeCluster returned a response without a usable 'cluster.version'",
    ],
    [
      'cluster',
      () =>
        aws.eks.on(DescribeNodegroupCommand).resolves({
          nodegroup: {
            nodegroupName: 'innovate-prod-system',
            clusterName: 'innovate-prod',
            nodegroupArn:
              'arn:aws:eks:us-east-1:222222222222:nodegroup/innovate-prod/innovate-prod-system/x',
          },
        }),
      "'nodegroup.scalingConfig'",
    ],
    [
      'database',
      () =>
        aws.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] }),
      "rds:DescribeDBInstances returned a response without a usable 'DBInstances'",
    ],
    [
      'alarms',
      () =>
        aws.cloudWatch.on(DescribeAlarmsCommand).resolves({
          MetricAlarms: [
            {
              AlarmName: 'innovate-prod-node-cpu',
              AlarmArn:
                'arn:aws:cloudwatch:us-east-1:222222222222:alarm:innovate-prod-node-cpu',
              StateValue: 'PANIC' as never,
              Threshold: 80,
              ComparisonOperator: 'GreaterThanThreshold',
            },
          ],
        }),
      "'MetricAlarms[].StateValue'",
    ],
    [
      'cost',
      () =>
        aws.costExplorer.on(GetCostAndUsageCommand).resolves({
          ResultsByTime: [
            {
              TimePeriod: { Start: '2025-11-01', End: '2025-11-02' },
              Groups: [
                {
                  Keys: ['Amazon Elastic Compute Cloud - Compute'],
                  Metrics: { UnblendedCost: { Amount: 'lots', Unit: 'USD' } },
                },
              ],
            },
          ],
        }),
      "'ResultsByTime[].Groups[].Metrics.UnblendedCost.Amount'",
    ],
    [
      'cost',
      () =>
        aws.costExplorer.on(GetCostForecastCommand).resolves({
          Total: { Amount: '64.0', Unit: 'USD' },
          ForecastResultsByTime: [
            { TimePeriod: { Start: '2025-11-21', End: '2025-11-22' } },
          ],
        }),
      "ce:GetCostForecast returned a response without a usable 'ForecastResultsByTime[].MeanValue'",
    ],
    [
      'cost',
      () =>
        aws.budgets.on(DescribeBudgetCommand).resolves({
          Budget: {
            BudgetName: 'innovate-prod-monthly',
            BudgetLimit: { Amount: '450.0', Unit: 'EUR' },
            TimeUnit: 'MONTHLY',
            BudgetType: 'COST',
          },
        }),
      "'Budget.BudgetLimit.Unit (expected USD, got EUR)'",
    ],
  ] as const)(
    'names the field of a malformed %s response',
    async (view, inject, message) => {
      inject();
      const error = await source.getView(view, environment).catch(e => e);
      expect(error).toBeInstanceOf(DataSourceError);
      expect(error.failure).toBe('malformed-response');
      expect(error.message).toContain(message);
    },
  );

  it('refuses resources of another account or region', async () => {
    aws.eks.on(DescribeClusterCommand).resolves({
      cluster: {
        name: 'innovate-prod',
        arn: 'arn:aws:eks:us-east-1:999999999999:cluster/innovate-prod',
        version: '1.33',
        status: 'ACTIVE',
      },
    });
    const error = await source.getView('cluster', environment).catch(e => e);
    expect(error.failure).toBe('foreign-resource');
    expect(error.message).toMatch(
      /arn:aws:eks:us-east-1:999999999999:cluster\/innovate-prod, which is not in the account 222222222222 and region us-east-1/,
    );
  });

  it('leaves insights out (null) where the account may not read them', async () => {
    aws.eks
      .on(ListInsightsCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'not authorized to perform: eks:ListInsights',
        ),
      );
    const cluster = await source.getView('cluster', environment);
    expect(cluster.insights).toBeNull();
    expect(cluster.nodeGroups).toHaveLength(2);
  });

  it('reads the domain view through the factory: CloudFormation, ACM and Route 53 with the workloads account', async () => {
    const arn =
      'arn:aws:acm:us-east-1:222222222222:certificate/12345678-1234-1234-1234-123456789012';
    aws.cloudFormation.on(DescribeStackResourceCommand).resolves({
      StackResourceDetail: {
        StackName: 'innovate-test-edge',
        LogicalResourceId: 'CertificateBDDE2430',
        PhysicalResourceId: arn,
        ResourceType: 'AWS::CertificateManager::Certificate',
        LastUpdatedTimestamp: new Date('2025-10-01T08:30:00Z'),
        ResourceStatus: 'CREATE_COMPLETE',
      },
    });
    const acm = mockClient(ACMClient);
    acm.on(DescribeCertificateCommand).resolves({
      Certificate: {
        CertificateArn: arn,
        DomainName: 'app.innovate.example',
        Status: 'ISSUED',
        NotAfter: new Date('2026-10-30T23:59:59Z'),
        InUseBy: [],
      },
    });
    const route53 = mockClient(Route53Client);
    route53.on(ListResourceRecordSetsCommand).resolves({
      ResourceRecordSets: [],
      IsTruncated: false,
      MaxItems: 2,
    });
    try {
      const view = await source.getView(
        'domain',
        domainEnvironment('usEast1', { source: 'aws' }),
      );
      expect(view.certificates).toEqual([
        expect.objectContaining({
          arn,
          status: 'ISSUED',
          notAfter: '2026-10-30T23:59:59.000Z',
        }),
      ]);
      expect(view.records.map(r => r.state)).toEqual(['MISSING', 'MISSING']);
      expect(new Set(clients.requestedAccounts)).toEqual(
        new Set(['222222222222']),
      );
    } finally {
      acm.restore();
      route53.restore();
    }
  });

  it('explains missing credentials for an account', async () => {
    clients.eks = async () => {
      throw new Error(
        'There is no AWS integration that matches 222222222222. Please add a configuration for this AWS account.',
      );
    };
    const error = await source.getView('cluster', environment).catch(e => e);
    expect(error.failure).toBe('no-credentials');
    expect(error.message).toMatch(
      /^No AWS credentials for the workloads account 222222222222 of environment 'innovate-prod': add it under aws.accounts/,
    );
  });
});
