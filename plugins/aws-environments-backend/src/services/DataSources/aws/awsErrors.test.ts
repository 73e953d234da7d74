import { LimitExceededException } from '@aws-sdk/client-cost-explorer';
import { DataSourceError } from '../../../errors';
import { AwsCallContext, callAws } from './awsErrors';

const context: AwsCallContext = {
  action: 'eks:DescribeCluster',
  accountId: '222222222222',
  region: 'us-east-1',
  accountRole: 'workloads',
  resource: 'EKS cluster innovate-prod',
};

/** An AWS service error as the SDK's clients throw it. */
function serviceError(name: string, httpStatusCode: number) {
  return Object.assign(new Error(`${name} from AWS`), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, attempts: 3 },
  });
}

/** A Node.js socket error on the way to AWS. */
function socketError(code: string) {
  return Object.assign(new Error(`socket: ${code}`), { code });
}

async function failureOf(error: unknown) {
  const thrown = await callAws(context, async () => {
    throw error;
  }).catch(e => e);
  return thrown instanceof DataSourceError ? thrown.failure : thrown;
}

describe('callAws', () => {
  it.each([
    [
      "Cost Explorer's request rate limit",
      'throttled',
      new LimitExceededException({ message: 'Rate exceeded', $metadata: {} }),
    ],
    [
      'HTTP 429 under any name',
      'throttled',
      serviceError('SlowDownPlease', 429),
    ],
    ['a request timeout', 'timeout', serviceError('RequestTimeout', 408)],
    ['a connection reset', 'timeout', socketError('ECONNRESET')],
    ['a socket timeout', 'timeout', socketError('ETIMEDOUT')],
    ['HTTP 503', 'unavailable', serviceError('ServiceUnavailable', 503)],
    ['HTTP 500', 'unavailable', serviceError('InternalFailure', 500)],
    [
      'access denied',
      'access-denied',
      serviceError('AccessDeniedException', 403),
    ],
    [
      'another service error',
      'unavailable',
      serviceError('InvalidParameterException', 400),
    ],
  ] as const)('classifies %s as %s', async (_what, failure, error) => {
    await expect(failureOf(error)).resolves.toBe(failure);
  });

  it('says whether AWS did not answer in time or could not be reached', async () => {
    const message = (error: unknown) =>
      callAws(context, async () => {
        throw error;
      }).catch(e => e.message);
    await expect(message(socketError('ETIMEDOUT'))).resolves.toContain(
      'eks:DescribeCluster in the workloads account 222222222222 (us-east-1) did not answer in time;',
    );
    await expect(message(socketError('ECONNRESET'))).resolves.toContain(
      'eks:DescribeCluster in the workloads account 222222222222 (us-east-1) could not be reached (ECONNRESET);',
    );
    await expect(
      message(serviceError('ServiceUnavailable', 503)),
    ).resolves.toContain(
      'eks:DescribeCluster failed in the workloads account 222222222222 (us-east-1) after 3 attempts (ServiceUnavailable).',
    );
  });

  it('lets errors that did not come from AWS (bugs) pass through', async () => {
    const bug = new TypeError(
      "Cannot read properties of undefined (reading 'name')",
    );
    await expect(failureOf(bug)).resolves.toBe(bug);
  });
});
