import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Settings of the aws-environments backend plugin
   * (`@innovate/plugin-aws-environments-backend`).
   */
  awsEnvironments?: {
    /**
     * Where new environments are deployed when a deployment request does not
     * name a source: `sandbox` records the synthesized environment in the
     * plugin's database and serves views derived from it; `aws` deploys
     * through CloudFormation and reads live data from AWS.
     *
     * @default sandbox
     */
    source?: 'sandbox' | 'aws';

    /**
     * Register and deploy (in the sandbox) the seed's own production
     * environment, `innovate-prod`, the first time the plugin starts, so a
     * fresh portal has something to show. Happens once per database, even
     * with several backend instances.
     *
     * @default true
     */
    seedEnvironment?: boolean;

    /**
     * The owner (a catalog group ref) of the seed environment and of every
     * environment registered before environments had owners; assigned at
     * start-up. Owners decide who may update, deploy and approve (see the
     * permission policy in packages/backend).
     *
     * @default group:default/platform-team
     */
    defaultOwner?: string;

    /**
     * The AWS account pairs (Organizations management account and workloads
     * account, 12-digit ids) deployments may name. A deployment whose spec
     * names any other pair is refused with a 400 naming `spec.accounts`.
     * Left out, every pair is allowed (the sandbox's default); set it in
     * production to the accounts bootstrapped for the portal.
     */
    allowedAccounts?: Array<{
      management: string;
      workloads: string;
    }>;

    /**
     * Check every API response against the plugin's OpenAPI document and
     * answer 500 when one breaks it. Catches contract drift in development
     * and tests; costs time per response, so production turns it off.
     *
     * @default true
     */
    validateResponses?: boolean;

    /** Caching of the data views (stored in the backend's cache, e.g. Redis). */
    cache?: {
      /**
       * How long a cost view is served from the cache before Cost Explorer
       * is asked again. Cost Explorer bills every request; its data is
       * refreshed by AWS only a few times a day. A duration string such as
       * `6h`, an ISO duration such as `PT6H`, or an object like `{ hours: 6 }`.
       *
       * @default { hours: 6 }
       */
      costTtl?: HumanDuration | string;
      /**
       * How long the cluster, database and alarm views are served from the
       * cache.
       *
       * @default { seconds: 60 }
       */
      viewTtl?: HumanDuration | string;
      /**
       * How long the drift view is served from the cache. CloudFormation
       * drift detection runs at most once per stack every 15 minutes; a
       * drift view that is UNKNOWN (a detection still running) is kept only
       * for `viewTtl`.
       *
       * @default { minutes: 15 }
       */
      driftTtl?: HumanDuration | string;
      /**
       * How long the last good value of a view is kept to be served, marked
       * stale, when its source fails.
       *
       * @default { days: 7 }
       */
      staleTtl?: HumanDuration | string;
    };

    /** Calls to AWS (the `aws` source). Credentials come from `aws.accounts`. */
    aws?: {
      /**
       * Time after which a single AWS API request is abandoned (and retried,
       * up to `maxAttempts`).
       *
       * @default { seconds: 10 }
       */
      requestTimeout?: HumanDuration | string;
      /**
       * Attempts per AWS API call, the first included; throttling errors,
       * timeouts and 5xx answers are retried with jittered exponential
       * backoff.
       *
       * @default 4
       */
      maxAttempts?: number;
      /**
       * The cost allocation tag that scopes Cost Explorer queries to one
       * environment. The CDK app tags every resource with it (value: the
       * environment name); it must be activated as a cost allocation tag in
       * the management (payer) account.
       *
       * @default innovate:environment
       */
      costAllocationTag?: string;
    };

    /** The background deployment queue. */
    deployments?: {
      /**
       * How often each backend instance looks for queued deployments (new
       * requests are also picked up at once by the instance that accepted
       * them).
       *
       * @default { seconds: 10 }
       */
      pollInterval?: HumanDuration | string;
      /**
       * A running deployment whose worker has not reported for this long is
       * considered lost (its backend instance stopped) and is marked failed.
       *
       * @default { minutes: 5 }
       */
      leaseTimeout?: HumanDuration | string;
      /**
       * How long one synthesis of an environment's CDK app may run before
       * it fails and the synthesis worker thread is terminated and replaced
       * (so an endless loop in a construct does not block every later
       * deployment).
       *
       * @default { minutes: 10 }
       */
      synthesisTimeout?: HumanDuration | string;
      /**
       * Directory where cloud assemblies are synthesized; each deployment
       * uses its own subdirectory and removes it when done.
       *
       * @default the operating system's temporary directory
       */
      workDirectory?: string;
      /**
       * Deployments one user may have queued, running or awaiting approval
       * at once, across all environments; more are refused (409).
       *
       * @default 3
       */
      perUserLimit?: number;
    };

    /**
     * The guardrail checks (budget, spend anomalies, version lifecycle,
     * alarms), which notify an environment's owner group through Backstage
     * notifications; an e-mail processor of the notifications backend can
     * forward them.
     */
    checks?: {
      /**
       * How often the checks run. One backend instance runs them (a global
       * scheduled task); `POST .../environments/{name}/checks/run` runs one
       * environment's checks at once.
       *
       * @default { hours: 1 }
       */
      frequency?: HumanDuration | string;
    };

    /**
     * Repository sync: a merge to an environment's repository (the one the
     * create-aws-environment template writes, registered in the catalog) is
     * picked up as a proposed change. The plugin reads `environment.json`
     * next to the `catalog-info.yaml` of every catalog Component annotated
     * `innovate.io/aws-environment` (through the backend's URL readers, so
     * the integrations' credentials) and, when its spec differs from the
     * environment's and was not proposed before, requests an update that
     * waits for a person's approval. It never applies a change itself.
     */
    repositorySync?: {
      /**
       * Turn the repository sync off: repositories are not read.
       *
       * @default true
       */
      enabled?: boolean;
      /**
       * How often the repositories are read. One backend instance reads
       * them (a global scheduled task); a read is conditional on the last
       * ETag, so an unchanged file is not downloaded again.
       *
       * @default { minutes: 5 }
       */
      frequency?: HumanDuration | string;
    };
  };
}
