import { parse as parseArn, validate as isArn } from '@aws-sdk/util-arn-parser';
import { DataSourceError, malformed } from '../../../errors';

/**
 * Checks that a resource AWS returned is the environment's: its ARN is in
 * the environment's account and region. Guards against a misconfigured
 * account mapping showing another account's data under this environment.
 */
export function assertOwnedArn(
  arn: string | undefined,
  expected: {
    accountId: string;
    region: string;
    environment: string;
    /** The API call and field, e.g. `eks:DescribeCluster cluster.arn`. */
    field: string;
    what: string;
  },
): void {
  const [call, field] = expected.field.split(' ');
  if (!arn || !isArn(arn)) {
    throw malformed(call, field);
  }
  const parsed = parseArn(arn);
  if (
    parsed.accountId !== expected.accountId ||
    parsed.region !== expected.region
  ) {
    throw new DataSourceError(
      'foreign-resource',
      `${call} returned ${expected.what} ${arn}, which is not in the account ${expected.accountId} and region ${expected.region} of environment '${expected.environment}'. Check that the credentials under aws.accounts for ${expected.accountId} really belong to that account.`,
    );
  }
}
