import { App, Stack, Tags, Validations } from 'aws-cdk-lib';
import {
  ENVIRONMENT_COST_ALLOCATION_TAG,
  EnvironmentSpec,
  EnvironmentStackRole,
  environmentStackName,
} from '@innovate/plugin-aws-environments-common';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as cxapi from 'aws-cdk-lib/cx-api';
import recommendedFeatureFlags from 'aws-cdk-lib/recommended-feature-flags.json';
import {
  AccountBaselineStack,
  BudgetStack,
  ClusterStack,
  DatabaseStack,
  EdgeStack,
  EdgeWafStack,
  NetworkStack,
  ObservabilityStack,
  RegistryStack,
} from './stacks';

/** The region CloudFront's WAF web ACLs live in. */
const CLOUDFRONT_WAF_REGION = 'us-east-1';

/**
 * Tag on every taggable resource: which environment it belongs to (and a
 * cost allocation tag once activated in Billing).
 *
 * @public
 */
export const ENVIRONMENT_TAG = ENVIRONMENT_COST_ALLOCATION_TAG;

/**
 * Options of {@link buildEnvironmentApp}.
 *
 * @public
 */
export interface BuildEnvironmentAppOptions {
  /**
   * Where `app.synth()` writes the cloud assembly.
   *
   * @defaultValue `CDK_OUTDIR` when the `cdk` CLI runs the app, else a new
   * temporary directory (aws-cdk-lib's `App` default)
   */
  outdir?: string;
  /**
   * Register cdk-nag's AwsSolutions pack as a validation plugin.
   *
   * @defaultValue true
   */
  nag?: boolean;
  /**
   * Copy the assets (the kubectl provider's Lambda layers, about 57 MB, and
   * the custom resource handlers) into the cloud assembly. Leave it on for
   * an assembly that is deployed or moved: without staging its asset
   * manifest points at the files in `node_modules` of this machine. Off
   * saves the copy for synthesis that only reads templates (previews,
   * checks, the catalog).
   *
   * @defaultValue true
   */
  stageAssets?: boolean;
}

/**
 * The environment's CDK app, not yet synthesized.
 *
 * @public
 */
export interface EnvironmentApp {
  app: App;
  /**
   * The stacks by role; `edge-waf` only outside us-east-1, `baseline` only
   * when the spec's `baseline` is `managed`.
   */
  stacks: Partial<Record<EnvironmentStackRole, Stack>> &
    Record<Exclude<EnvironmentStackRole, 'edge-waf' | 'baseline'>, Stack>;
}

/**
 * Stack construct ids by role. Construct ids are a public contract: they
 * never depend on the spec. Stack *names* carry the environment name.
 */
const STACK_IDS: Record<EnvironmentStackRole, string> = {
  network: 'Network',
  database: 'Database',
  cluster: 'Cluster',
  'edge-waf': 'EdgeWaf',
  edge: 'Edge',
  observability: 'Observability',
  baseline: 'AccountBaseline',
  registry: 'Registry',
  budget: 'Budget',
};

/**
 * Builds the CDK app for a validated spec: the seed architecture over the
 * stacks listed in `ENVIRONMENT_STACK_ROLES`, every stack with an explicit
 * account and region, no context lookups. Hand the app to
 * `@aws-cdk/toolkit-lib`'s `fromAssemblyBuilder`, or synthesize it with
 * {@link synthesizeEnvironment}.
 *
 * @public
 */
export function buildEnvironmentApp(
  spec: EnvironmentSpec,
  options: BuildEnvironmentAppOptions = {},
): EnvironmentApp {
  const app = createApp(spec, options.outdir, options.stageAssets ?? true);
  const stacks = addStacks(app, spec);
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, stacks };
}

/** The app with the recommended feature flags and the environment tag. */
function createApp(
  spec: EnvironmentSpec,
  outdir: string | undefined,
  stageAssets: boolean,
): App {
  const app = new App({
    outdir,
    context: {
      // What `cdk init` writes into a new project's cdk.json.
      ...recommendedFeatureFlags,
      // What `cdk synth --no-staging` sets.
      ...(stageAssets ? {} : { [cxapi.DISABLE_ASSET_STAGING_CONTEXT]: true }),
      // Findings are reported through NagReport (and fail `check`); the
      // assembly is still written so that the report can be read.
      '@aws-cdk/core:failSynthOnValidationErrors': false,
    },
    analyticsReporting: false,
  });
  Tags.of(app).add(ENVIRONMENT_TAG, spec.name);
  return app;
}

/**
 * The stacks, each given its slice of the spec, in the two accounts; the
 * web ACL stack only outside us-east-1.
 */
function addStacks(app: App, spec: EnvironmentSpec): EnvironmentApp['stacks'] {
  const workloads = { account: spec.accounts.workloads, region: spec.region };
  const management = {
    account: spec.accounts.management,
    region: spec.region,
  };
  const sameAccount = spec.accounts.workloads === spec.accounts.management;
  const stackProps = (role: EnvironmentStackRole, env = workloads) => ({
    environmentName: spec.name,
    stackName: environmentStackName(spec.name, role),
    description: `Innovate environment ${spec.name}: ${role}`,
    env,
  });

  const network = new NetworkStack(app, STACK_IDS.network, {
    ...stackProps('network'),
    network: spec.network,
  });
  const database = new DatabaseStack(app, STACK_IDS.database, {
    ...stackProps('database'),
    network: network.network,
    database: spec.database,
  });
  const crossRegion = spec.region !== CLOUDFRONT_WAF_REGION;
  const edgeWaf = crossRegion
    ? new EdgeWafStack(app, STACK_IDS['edge-waf'], {
        ...stackProps('edge-waf', {
          account: spec.accounts.workloads,
          region: CLOUDFRONT_WAF_REGION,
        }),
        domain: spec.domain,
        managementAccount: spec.accounts.management,
      })
    : undefined;
  const edge = new EdgeStack(app, STACK_IDS.edge, {
    ...stackProps('edge'),
    network: network.network,
    webAcl: edgeWaf?.webAcl,
    domain: spec.domain,
    cloudFrontCertificate: edgeWaf?.certificate?.certificate,
    managementAccount: spec.accounts.management,
    domainZones: edgeWaf?.domainZones?.zones,
  });
  const cluster = new ClusterStack(app, STACK_IDS.cluster, {
    ...stackProps('cluster'),
    network: network.network,
    database: database.database,
    edge: edge.edge,
    cluster: spec.cluster,
  });
  const observability = new ObservabilityStack(app, STACK_IDS.observability, {
    ...stackProps('observability'),
    edge: edge.edge,
    alarms: spec.alarms,
    alertEmail: spec.budget.alertEmail,
  });
  // Alarms name the cluster and the database; create them after both.
  observability.addStackDependency(cluster);
  observability.addStackDependency(database);
  // One per workloads account and region, shared: nothing of this
  // environment goes in (see AccountBaselineStack).
  const baseline =
    spec.baseline === 'managed'
      ? new AccountBaselineStack(app, STACK_IDS.baseline, { env: workloads })
      : undefined;
  const registry = new RegistryStack(app, STACK_IDS.registry, {
    ...stackProps('registry', management),
    pullAccountIds: sameAccount ? [] : [spec.accounts.workloads],
  });
  const budget = new BudgetStack(app, STACK_IDS.budget, {
    ...stackProps('budget', management),
    budget: spec.budget,
    linkedAccountId: sameAccount ? undefined : spec.accounts.workloads,
  });
  return {
    network,
    database,
    cluster,
    ...(edgeWaf ? { 'edge-waf': edgeWaf } : {}),
    edge,
    observability,
    ...(baseline ? { baseline } : {}),
    registry,
    budget,
  };
}
