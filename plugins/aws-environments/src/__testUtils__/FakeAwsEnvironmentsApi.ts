import { NotFoundError } from '@backstage/errors';
import type {
  AlarmsView,
  ClusterView,
  CostEstimate,
  CostView,
  CreateDeploymentResponse,
  DatabaseView,
  Deployment,
  DeploymentSummary,
  DomainView,
  DriftView,
  EnvironmentDetail,
  EnvironmentSummary,
  FleetEntry,
  FleetQuery,
  FleetResponse,
  PreviewRequest,
  PreviewResponse,
} from '@innovate/plugin-aws-environments-common';
import type { AwsEnvironmentsApi } from '../api';
import * as fixtures from './fixtures';
import * as domainFixtures from './domainFixtures';
import { previewScaleOut } from './previewFixtures';

/** What one environment of the fake answers with. */
interface FakeEnvironment {
  detail: EnvironmentDetail;
  cluster: ClusterView;
  database: DatabaseView;
  alarms: AlarmsView;
  cost: CostView;
  drift: DriftView;
  domain: DomainView;
  deployments: Deployment[];
}

/**
 * An in-memory {@link AwsEnvironmentsApi} over the fixtures, for the dev
 * harness: three environments, one over budget with firing alarms and a
 * cluster behind the target version, one whose views all fail.
 */
export class FakeAwsEnvironmentsApi implements AwsEnvironmentsApi {
  private readonly environments = new Map<string, FakeEnvironment>();

  /**
   * @param approver - who the fake records as approving the change sets it
   * executes (the backend takes the signed-in user).
   */
  constructor(private readonly approver = 'user:default/sam.chen') {
    const [prod, analytics, legacy] = fixtures.environments;
    this.environments.set(prod.name, {
      detail: fixtures.environmentDetail,
      cluster: fixtures.clusterView,
      database: fixtures.databaseView,
      alarms: fixtures.alarmsView,
      cost: fixtures.costView,
      drift: fixtures.driftViewInSync,
      domain: domainFixtures.domainViewNone,
      deployments: [
        { ...fixtures.deploymentAwaitingApproval, events: [] },
        fixtures.deploymentWithEvents,
      ],
    });
    this.environments.set(analytics.name, {
      detail: {
        ...analytics,
        spec: {
          ...fixtures.seedSpec,
          name: analytics.name,
          region: analytics.region,
        },
        outputs: {},
        deployments: [],
      },
      cluster: {
        ...fixtures.clusterViewBehind,
        source: 'aws',
        name: analytics.name,
      },
      database: { ...fixtures.databaseView, source: 'aws' },
      alarms: { ...fixtures.alarmsViewFiring, source: 'aws' },
      cost: { ...fixtures.costViewOverBudget, source: 'aws' },
      drift: fixtures.driftViewDrifted,
      domain: domainFixtures.domainViewTrouble,
      deployments: [],
    });
    this.environments.set(legacy.name, {
      detail: {
        ...legacy,
        spec: {
          ...fixtures.seedSpec,
          name: legacy.name,
          region: legacy.region,
        },
        outputs: {},
        deployments: [fixtures.deploymentFailed],
      },
      cluster: fixtures.clusterView,
      database: fixtures.databaseView,
      alarms: fixtures.alarmsView,
      cost: fixtures.costViewStale,
      drift: fixtures.driftViewInSync,
      domain: domainFixtures.domainViewNone,
      deployments: [{ ...fixtures.deploymentFailed, events: [] }],
    });
  }

  async listEnvironments(): Promise<EnvironmentSummary[]> {
    return fixtures.environments;
  }

  /** The fixtures' environments as fleet entries (the views' numbers). */
  async getFleet(query: FleetQuery = {}): Promise<FleetResponse> {
    const entries = (await this.listEnvironments())
      .filter(
        e =>
          (!query.owner || e.owner === query.owner) &&
          (!query.source || e.source === query.source) &&
          (!query.status || e.status === query.status) &&
          (!query.region || e.region === query.region) &&
          (!query.account ||
            e.accounts.workloads === query.account ||
            e.accounts.management === query.account),
      )
      .map(e => this.fleetEntry(e));
    const offset = Number(query.cursor ?? 0);
    const limit = Number(query.limit ?? 100);
    return {
      items: entries.slice(offset, offset + limit),
      totals: fleetTotals(entries),
      groups: [
        ...new Set(entries.map(e => `${e.accounts.workloads}/${e.region}`)),
      ]
        .sort()
        .map(key => {
          const members = entries.filter(
            e => `${e.accounts.workloads}/${e.region}` === key,
          );
          return {
            account: members[0].accounts.workloads,
            region: members[0].region,
            totals: fleetTotals(members),
          };
        }),
      ...(offset + limit < entries.length
        ? { nextCursor: String(offset + limit) }
        : {}),
    };
  }

  private fleetEntry(summary: EnvironmentSummary): FleetEntry {
    const {
      latestDeployment: _l,
      createdAt: _c,
      updatedAt: _u,
      ...rest
    } = summary;
    const known = this.environments.get(summary.name);
    const live =
      known && summary.status !== 'destroyed' && summary.status !== 'pending';
    const failed = summary.status === 'failed';
    return {
      ...rest,
      monthToDateUsd: live ? known.cost.monthToDateUsd : null,
      forecastUsd: live ? known.cost.forecastUsd : null,
      firingAlarms:
        live && !failed
          ? known.alarms.alarms.filter(a => a.state === 'ALARM').length
          : null,
      fetchedAt: live ? known.cost.fetchedAt : null,
      stale: failed,
      ...(failed
        ? {
            staleReason: `Environment ${summary.name} has no deployed stacks; its last deployment failed`,
          }
        : {}),
    };
  }

  async getEnvironment(name: string): Promise<EnvironmentDetail> {
    return this.get(name).detail;
  }

  async getClusterView(name: string): Promise<ClusterView> {
    return this.healthy(name).cluster;
  }

  async getDatabaseView(name: string): Promise<DatabaseView> {
    return this.healthy(name).database;
  }

  async getAlarmsView(name: string): Promise<AlarmsView> {
    return this.healthy(name).alarms;
  }

  async getCostView(name: string): Promise<CostView> {
    return this.get(name).cost;
  }

  async getDriftView(name: string): Promise<DriftView> {
    return this.healthy(name).drift;
  }

  async getDomainView(name: string): Promise<DomainView> {
    return this.healthy(name).domain;
  }

  async previewChanges(
    name: string,
    _request: PreviewRequest,
  ): Promise<PreviewResponse> {
    this.healthy(name);
    return previewScaleOut;
  }

  async estimate(): Promise<CostEstimate> {
    return fixtures.seedEstimate;
  }

  async listDeployments(name: string): Promise<DeploymentSummary[]> {
    return this.get(name).deployments.map(
      ({ events: _events, ...summary }) => summary,
    );
  }

  async getDeployment(name: string, id: string): Promise<Deployment> {
    const deployment = this.get(name).deployments.find(d => d.id === id);
    if (!deployment) {
      throw new NotFoundError(`No deployment ${id} of environment ${name}`);
    }
    return deployment;
  }

  async createDeployment(name: string): Promise<CreateDeploymentResponse> {
    return { id: 'dep-new', environment: name, status: 'queued' };
  }

  async executeChangeSet(name: string, id: string): Promise<void> {
    const environment = this.get(name);
    environment.deployments = environment.deployments.map(d =>
      d.id === id
        ? {
            ...d,
            status: 'succeeded',
            approvedBy: this.approver,
            finishedAt: new Date().toISOString(),
            events: [
              ...d.events,
              {
                at: new Date().toISOString(),
                level: 'info',
                message: 'Change sets executed',
              },
            ],
          }
        : d,
    );
  }

  async destroyEnvironment(name: string): Promise<CreateDeploymentResponse> {
    this.get(name);
    return { id: 'dep-destroy', environment: name, status: 'queued' };
  }

  private get(name: string): FakeEnvironment {
    const environment = this.environments.get(name);
    if (!environment) {
      throw new NotFoundError(`No environment named ${name}`);
    }
    return environment;
  }

  /** `dev-legacy` failed to deploy: its live views are unavailable. */
  private healthy(name: string): FakeEnvironment {
    const environment = this.get(name);
    if (environment.detail.status === 'failed') {
      throw new Error(
        `Environment ${name} has no deployed stacks; its last deployment failed`,
      );
    }
    return environment;
  }
}

function fleetTotals(entries: FleetEntry[]) {
  return {
    environments: entries.length,
    budgetUsd: entries.reduce((sum, e) => sum + e.budgetUsd, 0),
    monthToDateUsd: entries.reduce(
      (sum, e) => sum + (e.monthToDateUsd ?? 0),
      0,
    ),
    forecastUsd: entries.reduce((sum, e) => sum + (e.forecastUsd ?? 0), 0),
    firingAlarms: entries.reduce((sum, e) => sum + (e.firingAlarms ?? 0), 0),
  };
}
