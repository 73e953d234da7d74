import { ACMClient } from '@aws-sdk/client-acm';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EKSClient } from '@aws-sdk/client-eks';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { STSClient } from '@aws-sdk/client-sts';
import type {
  AwsCredentialProvider,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { AwsClientFactory, AwsTarget, GLOBAL_BILLING_REGION } from './types';

/** Identifies the portal in CloudTrail and in AWS support cases. */
export const CUSTOM_USER_AGENT = 'innovate-portal/aws-environments';

export interface AwsClientSettings {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Abandon (and retry) a single request after this long. */
  requestTimeoutMs: number;
  /**
   * Base of the SDK's full-jitter exponential backoff for transient errors
   * (throttling backs off from the SDK's own, longer base).
   *
   * @defaultValue the SDK's default
   */
  baseDelayMs?: number;
}

/** The settings every client gets. */
interface ClientConfig {
  region: string;
  credentials: AwsCredentialProvider['sdkCredentialProvider'];
  customUserAgent: string;
  retryStrategy: StandardRetryStrategy;
  requestHandler: {
    requestTimeout: number;
    connectionTimeout: number;
    throwOnRequestTimeout: boolean;
  };
}

/**
 * The default {@link AwsClientFactory}: credentials per account id through
 * `@backstage/integration-aws-node`, one cached client per service, account
 * and region.
 */
export class DefaultAwsClientFactory implements AwsClientFactory {
  private readonly clients = new Map<string, Promise<unknown>>();

  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly settings: AwsClientSettings,
  ) {}

  credentials(accountId: string) {
    return this.credentialsManager.getCredentialProvider({ accountId });
  }

  private client<C>(
    service: string,
    target: AwsTarget,
    Client: new (config: ClientConfig) => C,
  ): Promise<C> {
    const key = `${service}:${target.accountId}:${target.region}`;
    let client = this.clients.get(key) as Promise<C> | undefined;
    if (!client) {
      client = this.credentials(target.accountId).then(
        ({ sdkCredentialProvider }) =>
          new Client({
            region: target.region,
            credentials: sdkCredentialProvider,
            customUserAgent: CUSTOM_USER_AGENT,
            // One strategy per client: its retry capacity is per endpoint.
            // The SDK's standard strategy backs off with full jitter, which
            // spreads the retries of many callers throttled at once.
            retryStrategy: new StandardRetryStrategy({
              maxAttempts: this.settings.maxAttempts,
              baseDelay: this.settings.baseDelayMs,
            }),
            requestHandler: {
              requestTimeout: this.settings.requestTimeoutMs,
              connectionTimeout: this.settings.requestTimeoutMs,
              // Without this the SDK only warns and keeps waiting.
              throwOnRequestTimeout: true,
            },
          }),
      );
      // A failed credential lookup is not cached: the next call tries again.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  eks(target: AwsTarget) {
    return this.client('eks', target, EKSClient);
  }

  rds(target: AwsTarget) {
    return this.client('rds', target, RDSClient);
  }

  cloudWatch(target: AwsTarget) {
    return this.client('cloudwatch', target, CloudWatchClient);
  }

  sts(target: AwsTarget) {
    return this.client('sts', target, STSClient);
  }

  cloudFormation(target: AwsTarget) {
    return this.client('cloudformation', target, CloudFormationClient);
  }

  costExplorer(accountId: string) {
    return this.client(
      'ce',
      { accountId, region: GLOBAL_BILLING_REGION },
      CostExplorerClient,
    );
  }

  budgets(accountId: string) {
    return this.client(
      'budgets',
      { accountId, region: GLOBAL_BILLING_REGION },
      BudgetsClient,
    );
  }

  acm(target: AwsTarget) {
    return this.client('acm', target, ACMClient);
  }

  route53(accountId: string) {
    return this.client(
      'route53',
      { accountId, region: GLOBAL_BILLING_REGION },
      Route53Client,
    );
  }
}
