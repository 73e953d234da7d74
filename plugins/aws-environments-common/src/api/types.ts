import type { EnvironmentSpec } from '../spec/schema';

/**
 * Where a response came from. Sandbox data is derived from the synthesized
 * template and the cost model; it is never real AWS data.
 *
 * @public
 */
export type DataSourceKind = 'sandbox' | 'aws';

/**
 * A field that failed validation, named by its dotted path in the request
 * (for example `cluster.applicationNodeGroup.maxSize`).
 *
 * @public
 */
export interface FieldError {
  field: string;
  message: string;
}

/** @public */
export type EnvironmentStatus =
  | 'pending'
  | 'deploying'
  | 'awaiting-approval'
  | 'deployed'
  | 'failed'
  | 'destroying'
  | 'destroyed';

/** @public */
export type DeploymentAction = 'deploy' | 'destroy';

/** @public */
export type DeploymentStatus =
  | 'queued'
  | 'running'
  | 'awaiting-approval'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

/**
 * `auto` deploys straight through; `required` stops after the CloudFormation
 * change sets are created, until someone executes them.
 *
 * @public
 */
export type ApprovalMode = 'auto' | 'required';

/** @public */
export interface DeploymentEvent {
  /** ISO 8601 timestamp. */
  at: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  /** The stack the event is about, when there is one. */
  stack?: string;
  /** Logical id of the CloudFormation resource, when there is one. */
  logicalId?: string;
  /** CloudFormation resource status, e.g. `CREATE_COMPLETE`. */
  resourceStatus?: string;
}

/**
 * One resource change in a CloudFormation change set.
 *
 * @public
 */
export interface ChangeSetChange {
  stack: string;
  action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  logicalId: string;
  resourceType: string;
  replacement?: 'True' | 'False' | 'Conditional';
}

/** @public */
export interface ChangeSetSummary {
  stack: string;
  changeSetName: string;
  changes: ChangeSetChange[];
}

/** @public */
export interface Deployment {
  id: string;
  environment: string;
  source: DataSourceKind;
  action: DeploymentAction;
  status: DeploymentStatus;
  approval: ApprovalMode;
  /** For destroy: the stateful (database) stack is kept unless this is true. */
  destroyData?: boolean;
  /** User or service that asked for it (entity ref or `service:<id>`). */
  requestedBy: string;
  /**
   * The user who approved its change sets (a deployment with
   * `approval: required`), once approved.
   */
  approvedBy?: string;
  /** Seed claims the request allowed to fail, when any. */
  allowedDeviations?: string[];
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  changeSets?: ChangeSetSummary[];
  events: DeploymentEvent[];
}

/**
 * A deployment without its events, for lists.
 *
 * @public
 */
export type DeploymentSummary = Omit<Deployment, 'events'>;

/** @public */
export interface EnvironmentSummary {
  name: string;
  /**
   * The owner: a catalog group ref (`group:default/platform-team`), or the
   * creating user's ref when the user belongs to no group (a guest).
   */
  owner: string;
  source: DataSourceKind;
  status: EnvironmentStatus;
  region: string;
  accounts: EnvironmentSpec['accounts'];
  budgetUsd: number;
  createdAt: string;
  updatedAt: string;
  latestDeployment?: DeploymentSummary;
}

/** @public */
export interface EnvironmentDetail extends EnvironmentSummary {
  spec: EnvironmentSpec;
  /** Stack outputs of the last successful deployment, by `<stack>.<output>`. */
  outputs: Record<string, string>;
  deployments: DeploymentSummary[];
}

/**
 * Every data view carries where it came from and when.
 *
 * @public
 */
export interface ViewMeta {
  source: DataSourceKind;
  /** ISO 8601 time the data was fetched from its source. */
  fetchedAt: string;
  /**
   * True when the source failed and this is the last good (cached) value;
   * `staleReason` then says what failed.
   */
  stale: boolean;
  staleReason?: string;
}

/** @public */
export interface NodeGroupHealthIssue {
  code: string;
  message: string;
  resourceIds?: string[];
}

/** @public */
export interface NodeGroupView {
  name: string;
  status: string;
  instanceTypes: string[];
  capacityType?: string;
  amiType?: string;
  kubernetesVersion?: string;
  minSize: number;
  desiredSize: number;
  maxSize: number;
  healthIssues: NodeGroupHealthIssue[];
}

/** @public */
export interface AddonView {
  name: string;
  version?: string;
  status: string;
  issues: string[];
}

/** @public */
export interface UpgradeInsightView {
  id: string;
  name: string;
  category: string;
  status: 'PASSING' | 'WARNING' | 'ERROR' | 'UNKNOWN';
  reason?: string;
  kubernetesVersion?: string;
  description?: string;
  recommendation?: string;
}

/** @public */
export interface ClusterView extends ViewMeta {
  name: string;
  arn?: string;
  version: string;
  /** The seed's Kubernetes version (1.33); `behindTarget` compares the two. */
  targetVersion: string;
  behindTarget: boolean;
  status: string;
  platformVersion?: string;
  endpoint?: string;
  endpointPublicAccess: boolean;
  endpointPrivateAccess: boolean;
  publicAccessCidrs: string[];
  secretsEncryption: boolean;
  enabledLogTypes: string[];
  nodeGroups: NodeGroupView[];
  addons: AddonView[];
  /** `null` where upgrade insights are unavailable for this cluster. */
  insights: UpgradeInsightView[] | null;
}

/** @public */
export interface PendingMaintenanceView {
  action: string;
  description?: string;
  autoAppliedAfter?: string;
  forcedApplyDate?: string;
  currentApplyDate?: string;
}

/** @public */
export interface DatabaseView extends ViewMeta {
  identifier: string;
  arn?: string;
  status: string;
  instanceClass: string;
  engine: string;
  engineVersion: string;
  storageType: string;
  allocatedStorageGb: number;
  iops?: number;
  multiAz: boolean;
  storageEncrypted: boolean;
  kmsKeyId?: string;
  backupRetentionDays: number;
  /** `null` when the instance has no restorable time yet (or PITR is off). */
  latestRestorableTime: string | null;
  preferredBackupWindow?: string;
  preferredMaintenanceWindow?: string;
  deletionProtection: boolean;
  endpoint?: string;
  pendingMaintenance: PendingMaintenanceView[];
  /** Modifications waiting for the next maintenance window. */
  pendingModifications: Record<string, string | number | boolean>;
}

/** @public */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** @public */
export interface AlarmView {
  name: string;
  arn?: string;
  description?: string;
  /** What the alarm watches, in the seed's words (e.g. `error-rate`). */
  kind:
    | 'error-rate'
    | 'p99-latency'
    | 'node-cpu'
    | 'node-memory'
    | 'database-cpu'
    | 'other';
  namespace?: string;
  metricName?: string;
  state: AlarmState;
  threshold: number;
  comparisonOperator: string;
  unit?: string;
  /** The seed's threshold for this kind of alarm, when the seed has one. */
  seedThreshold?: number;
  stateReason?: string;
  /** ISO 8601 time of the last state change. */
  stateUpdatedAt?: string;
}

/** @public */
export interface AlarmsView extends ViewMeta {
  alarms: AlarmView[];
}

/** @public */
export interface CostLine {
  /** Stable key, e.g. `eks-control-plane`, `node-group-application`. */
  id: string;
  label: string;
  /** AWS service the line belongs to, as Cost Explorer names it. */
  service: string;
  monthlyUsd: number;
  /** How the number was computed, for people: `2 × t3.large × 730 h × $0.0832`. */
  basis: string;
}

/** @public */
export type BudgetVerdict = 'under' | 'near' | 'over';

/** @public */
export interface CostSuggestion {
  id: string;
  description: string;
  monthlySavingsUsd: number;
}

/** @public */
export interface CostEstimate {
  currency: 'USD';
  lines: CostLine[];
  totalMonthlyUsd: number;
  budgetUsd: number;
  verdict: BudgetVerdict;
  /** Total as a share of the budget, 0..n (1 = exactly the budget). */
  budgetShare: number;
  suggestions: CostSuggestion[];
  /** Date and source of the prices used. */
  priceTable: { date: string; region: string; source: string };
  /** Caveats (e.g. prices are us-east-1 for another region). */
  notes: string[];
}

/** @public */
export interface ServiceSpend {
  service: string;
  amountUsd: number;
}

/** @public */
export interface DailySpend {
  /** `YYYY-MM-DD`. */
  date: string;
  amountUsd: number;
  /** True for forecast days (after today). */
  forecast: boolean;
}

/** @public */
export interface CostView extends ViewMeta {
  currency: 'USD';
  /** First day of the month and today, `YYYY-MM-DD`. */
  period: { start: string; end: string };
  monthToDateUsd: number;
  /** Forecast total for the month (actual so far + forecast); null if unavailable. */
  forecastUsd: number | null;
  budget: {
    amountUsd: number;
    /** `budgets` when read from AWS Budgets, `spec` when from the environment's spec. */
    from: 'budgets' | 'spec';
  };
  /** Forecast (or month to date, when there is no forecast) against the budget. */
  verdict: BudgetVerdict;
  byService: ServiceSpend[];
  daily: DailySpend[];
  /** The cost model's estimate for the environment, for comparison. */
  estimate: CostEstimate;
}

/** @public */
export type ViewName = 'cluster' | 'database' | 'alarms' | 'cost';

/**
 * Response of `POST /estimate`.
 *
 * @public
 */
export interface EstimateResponse {
  estimate: CostEstimate;
}

/**
 * Body of `POST /environments/{name}/deployments`.
 *
 * @public
 */
export interface CreateDeploymentRequest {
  /** The spec to deploy; the stored spec is redeployed when left out. */
  spec?: unknown;
  /** Defaults to the backend's configured source. */
  source?: DataSourceKind;
  approval?: ApprovalMode;
  /** What to do when the name is taken: `update` it, or fail (`create`, the default). */
  mode?: 'create' | 'update';
  /**
   * The owner, a catalog entity ref (`group:default/platform-team`); one of
   * the requester's own groups (or the requester). On create it defaults
   * to the requester's first group (the requester when in none); on update
   * it changes the owner, and the stored owner is kept when left out.
   */
  owner?: string;
  /**
   * Ids of seed conformance claims this deployment may fail (e.g.
   * `nat-per-az` for one NAT gateway), recorded with it. cdk-nag findings
   * are never allowed; any other failed check stops the deployment.
   */
  allowedDeviations?: string[];
}

/** @public */
export interface CreateDeploymentResponse {
  id: string;
  environment: string;
  status: DeploymentStatus;
}

/**
 * Body of `DELETE /environments/{name}`.
 *
 * @public
 */
export interface DestroyEnvironmentRequest {
  /** Must repeat the environment's name. */
  confirm: string;
  /** Also delete the stateful stack (the database). Default false. */
  destroyData?: boolean;
}

/**
 * Error body of every route (Backstage's serialized error).
 *
 * @public
 */
export interface ApiErrorBody {
  error: { name: string; message: string };
  request?: { method: string; url: string };
  response?: { statusCode: number };
  /** For 400s: each bad field. */
  fieldErrors?: FieldError[];
}
