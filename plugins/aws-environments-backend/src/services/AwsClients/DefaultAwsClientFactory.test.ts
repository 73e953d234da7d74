import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { callAws } from '../DataSources/aws/awsErrors';
import {
  CUSTOM_USER_AGENT,
  DefaultAwsClientFactory,
} from './DefaultAwsClientFactory';

type Reply = 'throttle' | 'stall' | 'ok';

/**
 * A local stand-in for the EKS endpoint, so the SDK's own retry and timeout
 * handling runs for real (aws-sdk-client-mock replaces `send` and skips it).
 */
async function startFakeEks(replies: Reply[]) {
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (reply === 'stall') {
      setTimeout(() => res.destroy(), 10_000);
      return;
    }
    if (reply === 'throttle') {
      res.writeHead(429, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'ThrottlingException',
      });
      res.end(JSON.stringify({ message: 'Rate exceeded' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        cluster: {
          name: 'innovate-prod',
          arn: 'arn:aws:eks:us-east-1:222222222222:cluster/innovate-prod',
          version: '1.33',
          status: 'ACTIVE',
        },
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    endpoint: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise(resolve => server.close(resolve));
    },
  };
}

function factory() {
  return new DefaultAwsClientFactory(
    {
      getCredentialProvider: async ({ accountId } = {}) => ({
        accountId,
        sdkCredentialProvider: async () => ({
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'secret',
        }),
      }),
    },
    { maxAttempts: 3, requestTimeoutMs: 200, baseDelayMs: 5 },
  );
}

describe('DefaultAwsClientFactory', () => {
  const target = { accountId: '222222222222', region: 'us-east-1' };
  let fake: Awaited<ReturnType<typeof startFakeEks>>;

  afterEach(async () => {
    delete process.env.AWS_ENDPOINT_URL;
    await fake?.close();
  });

  async function describeCluster(replies: Reply[]) {
    fake = await startFakeEks(replies);
    process.env.AWS_ENDPOINT_URL = fake.endpoint;
    const eks = await factory().eks(target);
    return eks.send(new DescribeClusterCommand({ name: 'innovate-prod' }));
  }

  it('retries throttled calls and identifies the portal', async () => {
    const out = await describeCluster(['throttle', 'throttle', 'ok']);
    expect(out.cluster?.version).toBe('1.33');
    expect(out.$metadata.attempts).toBe(3);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]['user-agent']).toContain(CUSTOM_USER_AGENT);
  });

  it('abandons a request that takes longer than the timeout, and retries it', async () => {
    const started = Date.now();
    const out = await describeCluster(['stall', 'ok']);
    expect(out.cluster?.name).toBe('innovate-prod');
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up after the configured attempts with an error a person can act on', async () => {
    const error = await callAws(
      {
        action: 'eks:DescribeCluster',
        accountId: target.accountId,
        region: target.region,
        accountRole: 'workloads',
        resource: 'EKS cluster innovate-prod',
      },
      () => describeCluster(['throttle']),
    ).catch(e => e);
    expect(fake.requests).toHaveLength(3);
    expect(error.failure).toBe('throttled');
    expect(error.message).toBe(
      'AWS is throttling eks:DescribeCluster in the workloads account 222222222222 (us-east-1) after 3 attempts; try again in a minute. AWS said: Rate exceeded',
    );
  });

  it('reuses one client per service, account and region', async () => {
    const clients = factory();
    expect(await clients.eks(target)).toBe(await clients.eks(target));
    expect(await clients.eks(target)).not.toBe(
      await clients.eks({ ...target, region: 'eu-west-1' }),
    );
  });
});
