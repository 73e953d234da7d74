import type { ACMClient } from '@aws-sdk/client-acm';
import type { BudgetsClient } from '@aws-sdk/client-budgets';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialProvider } from '@backstage/integration-aws-node';

/** The region of the global endpoints of Cost Explorer and Budgets. */
export const GLOBAL_BILLING_REGION = 'us-east-1';

/** Where an AWS call goes: the account whose credentials it uses, and the region. */
export interface AwsTarget {
  accountId: string;
  region: string;
}

/**
 * AWS SDK clients with the plugin's settings (credentials from
 * `aws.accounts`, user agent, retries, timeouts), one per account and region.
 */
export interface AwsClientFactory {
  credentials(accountId: string): Promise<AwsCredentialProvider>;
  eks(target: AwsTarget): Promise<EKSClient>;
  rds(target: AwsTarget): Promise<RDSClient>;
  cloudWatch(target: AwsTarget): Promise<CloudWatchClient>;
  cloudFormation(target: AwsTarget): Promise<CloudFormationClient>;
  /** STS with the account's credentials (to assume roles in other accounts). */
  sts(target: AwsTarget): Promise<STSClient>;
  /** Cost Explorer has one endpoint, in us-east-1. */
  costExplorer(accountId: string): Promise<CostExplorerClient>;
  /** AWS Budgets has one endpoint, in us-east-1. */
  budgets(accountId: string): Promise<BudgetsClient>;
  /** ACM is regional: a certificate is read in its own region. */
  acm(target: AwsTarget): Promise<ACMClient>;
  /** Route 53 is global; its endpoint is in us-east-1. */
  route53(accountId: string): Promise<Route53Client>;
}
