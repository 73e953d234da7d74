import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError } from '../../../__testUtils__/awsMocks';
import { fixtureStacks } from '../../../__testUtils__/fakeSynthesizer';
import type { NewDeploymentEvent } from '../../EnvironmentRegistry/types';
import { deployRoleArn, preflight } from './preflight';

const spec = defaultEnvironmentSpec();
const { workloads, management } = spec.accounts;
const stacks = fixtureStacks(spec);

describe('preflight', () => {
  const sts = mockClient(STSClient);
  const ssm = mockClient(SSMClient);
  const events: NewDeploymentEvent[] = [];
  const run = () =>
    preflight({
      stacks,
      workloadsAccount: workloads,
      sts: new STSClient({ region: 'us-east-1' }),
      events: { emit: async event => void events.push(event) },
    });

  beforeEach(() => {
    sts.reset();
    ssm.reset();
    events.length = 0;
    sts.on(AssumeRoleCommand).callsFake(input => ({
      Credentials: {
        AccessKeyId: `ASIA${input.RoleArn.split(':')[4]}`,
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(),
      },
    }));
    ssm.on(GetParameterCommand).resolves({
      Parameter: { Name: '/cdk-bootstrap/hnb659fds/version', Value: '28' },
    });
  });
  afterAll(() => {
    sts.restore();
    ssm.restore();
  });

  it('assumes the deploy role of every account and reads its bootstrap version with it', async () => {
    await run();
    expect(
      sts.commandCalls(AssumeRoleCommand).map(c => c.args[0].input.RoleArn),
    ).toEqual([
      deployRoleArn(workloads, 'us-east-1'),
      deployRoleArn(management, 'us-east-1'),
    ]);
    const reads = ssm.commandCalls(GetParameterCommand);
    expect(reads).toHaveLength(2);
    expect(events).toEqual([
      {
        level: 'info',
        message: `Preflight: bootstrapped (${workloads}/us-east-1 v28, ${management}/us-east-1 v28), deploy roles assumable with the workloads account's credentials`,
      },
    ]);
  });

  it('names each account that is not ready, with the fix, and deploys nothing', async () => {
    sts
      .on(AssumeRoleCommand, {
        RoleArn: deployRoleArn(management, 'us-east-1'),
      })
      .rejects(
        awsError(
          'AccessDenied',
          `User: arn:aws:sts::${workloads}:assumed-role/portal is not authorized to perform: sts:AssumeRole`,
        ),
      );
    ssm
      .on(GetParameterCommand)
      .rejects(awsError('ParameterNotFound', 'Parameter not found'));

    const error = await run().catch(e => e);
    expect(error.name).toBe('PreflightError');
    expect(error.message).toContain(
      `The portal's credentials (account ${workloads}) cannot assume ${deployRoleArn(
        management,
        'us-east-1',
      )}`,
    );
    expect(error.message).toContain(
      `cdk bootstrap aws://${management}/us-east-1 --trust ${workloads}`,
    );
    expect(error.message).toContain(
      `${workloads}/us-east-1 is not CDK-bootstrapped (no /cdk-bootstrap/hnb659fds/version)`,
    );
    expect(events).toEqual([]);
  });

  it('refuses a bootstrap older than the templates accept', async () => {
    ssm.on(GetParameterCommand).resolves({
      Parameter: { Name: '/cdk-bootstrap/hnb659fds/version', Value: '5' },
    });
    await expect(run()).rejects.toThrow(
      `${workloads}/us-east-1 is bootstrapped at version 5, older than 6`,
    );
  });
});
