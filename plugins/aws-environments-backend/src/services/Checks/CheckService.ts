import type { Anomaly } from '@aws-sdk/client-cost-explorer';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  AlarmsView,
  CheckFinding,
  ChecksRun,
  ClusterView,
  CostView,
  DatabaseView,
  DomainView,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import type { Views } from '../DataSources/types';
import type {
  EnvironmentListItem,
  EnvironmentRegistry,
} from '../EnvironmentRegistry/types';
import { isLive } from '../Fleet/fleetEntries';
import { certificateFindings } from './certificateRules';
import {
  anomalyFinding,
  attributeAnomaly,
  type AnomalyCandidate,
  type AnomalySource,
} from './costAnomalies';
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

const CHECKED_VIEWS = [
  'cost',
  'cluster',
  'database',
  'alarms',
  'domain',
] as const;
type CheckedView = (typeof CHECKED_VIEWS)[number];
/**
 * Views whose last good value (served `stale` while AWS fails) is not
 * judged: spend and alarm states move by the hour, and a certificate's by
 * its renewal, so an old value would notify what may no longer be true.
 * The cluster and database views keep their versions, which only a
 * deployment changes.
 */
const FRESH_ONLY: ReadonlySet<CheckedView> = new Set([
  'cost',
  'alarms',
  'domain',
]);

/**
 * What one run of the checks shares between environments: Cost Anomaly
 * Detection's anomalies, read once per management account, and the
 * environments they are attributed among.
 */
export interface RunContext {
  anomalies: Map<string, Promise<Anomaly[]>>;
  candidates?: Promise<AnomalyCandidate[]>;
}

function candidatesOf(environments: EnvironmentListItem[]): AnomalyCandidate[] {
  return environments
    .filter(e => e.source === 'aws' && isLive(e))
    .map(({ name, spec }) => ({ name, spec }));
}

/** The notification topic of a rule, so users can filter by it. */
export function topicOf(kind: string): string {
  if (kind === 'forecast-over-budget' || kind.startsWith('budget-')) {
    return 'aws-environments.budget';
  }
  if (kind === 'spend-anomaly' || kind === 'cost-anomaly-detection') {
    return 'aws-environments.anomaly';
  }
  if (kind === 'alarm') {
    return 'aws-environments.alarm';
  }
  if (kind.startsWith('certificate-')) {
    return 'aws-environments.certificate';
  }
  return 'aws-environments.lifecycle';
}

/**
 * The environment's tab a finding links to; the domain's card is on the
 * Overview.
 */
function linkOf(environment: string, view: CheckFinding['view']): string {
  const page = `/aws-environments/${encodeURIComponent(environment)}`;
  return view === 'domain' ? page : `${page}/${view}`;
}

/**
 * The guardrail checks of environments: reads the cost, cluster, database,
 * alarm and domain views, applies the rules (rules.ts,
 * certificateRules.ts) and notifies the owner
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

  /** Anomalies already logged as not attributable (logged once). */
  private readonly unattributed = new Set<string>();

  /**
   * Checks every live environment; one failing never stops the others.
   * Environments not deployed (before their first deployment succeeded) or
   * destroyed have nothing to check.
   */
  async runAll(): Promise<void> {
    const environments = await this.deps.registry.listEnvironments();
    const context: RunContext = {
      anomalies: new Map(),
      candidates: Promise.resolve(candidatesOf(environments)),
    };
    for (const environment of environments) {
      if (!isLive(environment)) {
        this.deps.logger.debug(
          `Guardrail checks skip environment '${environment.name}': ${environment.status}, not deployed`,
        );
        continue;
      }
      try {
        await this.run(environment.name, context);
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
  async run(
    name: string,
    context: RunContext = { anomalies: new Map() },
  ): Promise<ChecksRun> {
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
      ...(views.domain ? certificateFindings(views.domain, now) : []),
    ];
    if (header.source === 'aws' && this.deps.anomalies) {
      found.push(...(await this.awsAnomalies(name, now, skipped, context)));
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

  /**
   * Cost Anomaly Detection's anomalies attributed to this environment; a
   * failing read is reported as skipped.
   */
  private async awsAnomalies(
    name: string,
    now: Date,
    skipped: ChecksRun['skipped'],
    context: RunContext,
  ): Promise<Finding[]> {
    try {
      const environment = await this.deps.registry.getEnvironment(name);
      if (!environment) {
        return [];
      }
      const management = environment.spec.accounts.management;
      let anomalies = context.anomalies.get(management);
      if (!anomalies) {
        anomalies = this.deps.anomalies!.anomalies(management, now);
        context.anomalies.set(management, anomalies);
      }
      context.candidates ??= this.deps.registry
        .listEnvironments()
        .then(candidatesOf);
      const candidates = [
        { name, spec: environment.spec },
        ...(await context.candidates).filter(
          c => c.name !== name && c.spec.accounts.management === management,
        ),
      ];
      return (await anomalies).flatMap(anomaly => {
        const attribution = attributeAnomaly(anomaly, candidates);
        if (attribution.to === null && attribution.among.includes(name)) {
          this.logUnattributed(anomaly, attribution.among);
        }
        return attribution.to === name
          ? [anomalyFinding(anomaly, environment.spec)]
          : [];
      });
    } catch (error) {
      skipped.push({
        view: 'cost-anomaly-detection',
        reason: (error as Error).message,
      });
      return [];
    }
  }

  private logUnattributed(anomaly: Anomaly, among: string[]) {
    if (this.unattributed.has(anomaly.AnomalyId!)) {
      return;
    }
    this.unattributed.add(anomaly.AnomalyId!);
    this.deps.logger.info(
      `Cost Anomaly Detection anomaly ${anomaly.AnomalyId} (${
        anomaly.Impact?.TotalImpact ?? anomaly.Impact?.MaxImpact ?? 0
      } USD) is not notified per environment: its root causes name an account and region that environments ${among
        .map(e => `'${e}'`)
        .join(
          ', ',
        )} share, and no environment tag. A monitor of the environment tag (dimension TAG) attributes such anomalies.`,
    );
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
      domain?: DomainView;
    } = {};
    const skipped: ChecksRun['skipped'] = [];
    results.forEach((result, i) => {
      const view: CheckedView = CHECKED_VIEWS[i];
      if (result.status === 'rejected') {
        skipped.push({ view, reason: (result.reason as Error).message });
      } else if (result.value.stale && FRESH_ONLY.has(view)) {
        const reason = `stale (AWS could not be read: ${
          result.value.staleReason ?? 'unknown'
        }); its last good value is not judged`;
        this.deps.logger.info(
          `Guardrail checks of environment '${name}' skip the ${view} view: ${reason}`,
        );
        skipped.push({ view, reason });
      } else {
        Object.assign(views, { [view]: result.value });
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
          link: linkOf(environment, finding.view),
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
