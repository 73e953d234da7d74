import {
  DescribeClusterCommand,
  DescribeInsightCommand,
  EKSClient,
  ListInsightsCommand,
} from '@aws-sdk/client-eks';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  defaultEnvironmentSpec,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import {
  awsError,
  MockedAwsClientFactory,
  mockAwsEnvironment,
} from '../../__testUtils__/awsMocks';
import { fixtureSynthesis } from '../../__testUtils__/fakeSynthesizer';
import { fixtureEnvironment } from '../../__testUtils__/fixtureEnvironment';
import { AwsDataSource } from './aws/AwsDataSource';
import { SandboxDataSource } from './sandbox/SandboxDataSource';
import type { DeployedEnvironment } from './types';

const spec = defaultEnvironmentSpec();
const synthesis = fixtureSynthesis(spec);
const environment = (source: 'aws' | 'sandbox'): DeployedEnvironment =>
  fixtureEnvironment(spec, { source, entities: synthesis.entities });

/** 1.33 has been in EKS extended support since 2026-07-29. */
const NOW = new Date('2026-11-30T12:00:00Z');

describe('lifecycle in the cluster and database views', () => {
  describe('aws', () => {
    let aws: ReturnType<typeof mockAwsEnvironment>;
    let source: AwsDataSource;
    beforeEach(() => {
      aws = mockAwsEnvironment(spec, { now: NOW });
      source = new AwsDataSource({
        clients: new MockedAwsClientFactory(),
        costAllocationTag: 'innovate:environment',
        estimate: env => estimateFromSpec(env.spec),
        now: () => NOW,
      });
    });
    afterEach(() => aws.restore());

    it('prices a cluster in extended support and names the next step', async () => {
      const described = await new EKSClient({ region: 'us-east-1' }).send(
        new DescribeClusterCommand({ name: 'innovate-prod' }),
      );
      aws.eks.on(DescribeClusterCommand).resolves({
        cluster: { ...described.cluster, version: '1.33' },
      });
      const cluster = await source.getView('cluster', environment('aws'));
      expect(cluster.lifecycle).toMatchObject({
        kind: 'eks',
        version: '1.33',
        support: 'extended',
        standardSupportEnds: '2026-07-29',
        extraMonthlyUsd: 365,
        nextVersion: '1.34',
        newestStandardVersion: '1.35',
      });
    });

    it('asks DescribeInsight only for insights that are not passing', async () => {
      aws.eks.on(ListInsightsCommand).resolves({
        insights: [
          {
            id: 'passing',
            name: 'Kubelet version skew',
            category: 'UPGRADE_READINESS',
            insightStatus: { status: 'PASSING' },
          },
          {
            id: 'failing',
            name: 'Deprecated APIs removed in Kubernetes v1.34',
            category: 'UPGRADE_READINESS',
            insightStatus: { status: 'ERROR', reason: 'In use' },
          },
        ],
      });
      const cluster = await source.getView('cluster', environment('aws'));
      expect(
        aws.eks.commandCalls(DescribeInsightCommand).map(c => c.args[0].input),
      ).toEqual([{ clusterName: 'innovate-prod', id: 'failing' }]);
      expect(cluster.insights?.map(i => i.recommendation)).toEqual([
        undefined,
        expect.stringMatching(/^Update manifests/),
      ]);
    });

    it('keeps the insight when DescribeInsight is denied', async () => {
      aws.eks
        .on(DescribeInsightCommand)
        .rejects(
          awsError(
            'AccessDeniedException',
            'not authorized to perform: eks:DescribeInsight',
          ),
        );
      const cluster = await source.getView('cluster', environment('aws'));
      expect(cluster.insights).toEqual([
        expect.objectContaining({ status: 'WARNING' }),
      ]);
      expect(cluster.insights?.[0].recommendation).toBeUndefined();
    });

    it('prices RDS Extended Support per vCPU of the instance and its standby', async () => {
      const out = await new RDSClient({ region: 'us-east-1' }).send(
        new DescribeDBInstancesCommand({}),
      );
      const instance = out.DBInstances![0];
      aws.rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [{ ...instance, EngineVersion: '15.8', MultiAZ: true }],
      });
      const later = new AwsDataSource({
        clients: new MockedAwsClientFactory(),
        costAllocationTag: 'innovate:environment',
        estimate: env => estimateFromSpec(env.spec),
        now: () => new Date('2028-03-01T00:00:00Z'),
      });
      const database = await later.getView('database', environment('aws'));
      // db.t3.medium: 2 vCPUs, twice for Multi-AZ, $0.10 a vCPU-hour, 730 h.
      expect(database.lifecycle).toMatchObject({
        kind: 'rds-postgres',
        version: '15',
        support: 'extended',
        extraMonthlyUsd: 292,
      });
    });
  });

  describe('sandbox', () => {
    const source = new SandboxDataSource({
      now: () => NOW,
      estimate: env => estimateFromSpec(env.spec),
    });

    it('shows the seed’s 1.33 in extended support, $365 a month extra', async () => {
      const cluster = await source.getView('cluster', environment('sandbox'));
      expect(cluster.version).toBe('1.33');
      expect(cluster.lifecycle).toMatchObject({
        support: 'extended',
        extraMonthlyUsd: 365,
        nextVersion: '1.34',
      });
    });

    it('shows PostgreSQL 15 in standard support until 2028-02-29', async () => {
      const database = await source.getView('database', environment('sandbox'));
      expect(database.lifecycle).toMatchObject({
        kind: 'rds-postgres',
        version: '15',
        support: 'standard',
        standardSupportEnds: '2028-02-29',
        extraMonthlyUsd: 0,
        extendedExtraMonthlyUsd: 146,
      });
    });
  });
});
