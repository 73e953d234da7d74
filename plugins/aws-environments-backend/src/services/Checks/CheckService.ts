import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  AlarmsView,
  CheckFinding,
  ChecksRun,
  ClusterView,
  CostView,
  DatabaseView,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import type { Views } from '../DataSources/types';
import type { EnvironmentRegistry } from '../EnvironmentRegistry/types';
import type { AnomalySource } from './costAnomalies';
import {
  alarmFindings,
  anomalyFindings,
  budgetFindings,
  lifecycleFindings,
} from './rules';
import type { CheckNotificationStore, CheckNotifier, Finding } from './types';

/** Reads a view of an environment (the plugin's cached ViewService). */
export interface ViewReader {
  getView<V extends ViewName>(environment: string, view: V): Promise<Views[V]>;
}

const CHECKED_VIEWS = ['cost', 'cluster', 'database', 'alarms'] as const;
type CheckedView = (typeof CHECKED_VIEWS)[number];

/** The notification topic of a rule, so users can filter by it. */
export function topicOf(kind: string): string {
  if (kind === 'forecast-over-budget' || kind.startsWith('budget-')) {
    return 'aws-environments.budget';
  }
  if (kind === 'spend-anomaly') {
    return 'aws-environments.anomaly';
  }
  if (kind === 'alarm') {
    return 'aws-environments.alarm';
  }
  return 'aws-environments.lifecycle';
}

/**
 * The guardrail checks of environments: reads the cost, cluster, database
 * and alarm views, applies the rules (rules.ts) and notifies the owner
 * group of each finding once per environment, kind and period.
 */
export class CheckService {
  constructor(
    private readonly deps: {
      registry: EnvironmentRegistry;
      views: ViewReader;
      store: CheckNotificationStore;
      notifier: CheckNotifier;
      logger: LoggerService;
      /** Cost Anomaly Detection, for environments of the `aws` source. */
      anomalies?: AnomalySource;
      now?: () => Date;
    },
  ) {}

  /** Checks every live environment; one failing never stops the others. */
  async runAll(): Promise<void> {
    const environments = await this.deps.registry.listEnvironments();
    for (const environment of environments) {
      if (environment.status === 'destroyed') {
        continue;
      }
      try {
        await this.run(environment.name);
      } catch (error) {
        this.deps.logger.warn(
          `Guardrail checks of environment '${environment.name}' failed: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  /** Checks one environment now and notifies what was not notified before. */
  async run(name: string): Promise<ChecksRun> {
    const header = await this.deps.registry.getEnvironmentHeader(name);
    if (!header) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    const now = this.deps.now?.() ?? new Date();
    const today = now.toISOString().slice(0, 10);
    const { views, skipped } = await this.readViews(name);
    const found: Finding[] = [
      ...(views.cost ? budgetFindings(views.cost) : []),
      ...(views.cost ? anomalyFindings(views.cost, today) : []),
      ...lifecycleFindings(views, today),
      ...(views.alarms ? alarmFindings(views.alarms, now) : []),
    ];
    if (header.source === 'aws' && this.deps.anomalies) {
      found.push(...(await this.awsAnomalies(name, now, skipped)));
    }
    const findings: CheckFinding[] = [];
    for (const finding of found) {
      findings.push({
        ...finding,
        notified: await this.notify(name, header.owner, finding),
      });
    }
    return { environment: name, ranAt: now.toISOString(), findings, skipped };
  }

  /** Cost Anomaly Detection's findings; a failure is reported as skipped. */
  private async awsAnomalies(
    name: string,
    now: Date,
    skipped: ChecksRun['skipped'],
  ): Promise<Finding[]> {
    try {
      const environment = await this.deps.registry.getEnvironment(name);
      return environment
        ? await this.deps.anomalies!.findings(environment, now)
        : [];
    } catch (error) {
      skipped.push({
        view: 'cost-anomaly-detection',
        reason: (error as Error).message,
      });
      return [];
    }
  }

  private async readViews(name: string) {
    const results = await Promise.allSettled(
      CHECKED_VIEWS.map(view => this.deps.views.getView(name, view)),
    );
    const views: {
      cost?: CostView;
      cluster?: ClusterView;
      database?: DatabaseView;
      alarms?: AlarmsView;
    } = {};
    const skipped: ChecksRun['skipped'] = [];
    results.forEach((result, i) => {
      const view: CheckedView = CHECKED_VIEWS[i];
      if (result.status === 'fulfilled') {
        Object.assign(views, { [view]: result.value });
      } else {
        skipped.push({ view, reason: (result.reason as Error).message });
      }
    });
    return { views, skipped };
  }

  /** Sends the finding to the owner unless it was sent before; true when sent now. */
  private async notify(
    environment: string,
    owner: string | null,
    finding: Finding,
  ): Promise<boolean> {
    if (!owner) {
      return false;
    }
    const key = { environment, kind: finding.kind, period: finding.period };
    if (!(await this.deps.store.claim(key))) {
      return false;
    }
    try {
      await this.deps.notifier.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: `${environment}: ${finding.title}`,
          description: finding.description,
          link: `/aws-environments/${encodeURIComponent(environment)}/${
            finding.view
          }`,
          severity: finding.severity,
          topic: topicOf(finding.kind),
          scope: `aws-environments:${environment}:${finding.kind}:${finding.period}`,
        },
      });
      return true;
    } catch (error) {
      await this.deps.store.release(key);
      this.deps.logger.warn(
        `Could not notify ${owner} of '${
          finding.kind
        }' for environment '${environment}': ${(error as Error).message}`,
      );
      return false;
    }
  }
}
