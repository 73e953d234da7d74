import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildEnvironmentApp } from './app';
import { EnvironmentSynthesisError, synthesizeEnvironment } from './synthesize';
import { testSpec } from './__testUtils__/synth';

jest.mock('./app', () => ({ buildEnvironmentApp: jest.fn() }));

const build = buildEnvironmentApp as jest.MockedFunction<
  typeof buildEnvironmentApp
>;

function appWith(addTo: (stack: Stack) => void) {
  const app = new App();
  const stack = new Stack(app, 'Network', {
    env: { account: '222222222222', region: 'us-east-1' },
  });
  addTo(stack);
  return { app, stacks: { network: stack } } as unknown as ReturnType<
    typeof buildEnvironmentApp
  >;
}

describe('synthesizeEnvironment errors', () => {
  it('turns a failing build into a readable error', async () => {
    build.mockImplementation(() => {
      throw new Error('Invalid node group size');
    });
    const error = await synthesizeEnvironment(testSpec()).catch(e => e);
    expect(error).toBeInstanceOf(EnvironmentSynthesisError);
    expect(error.message).toBe(
      'Could not build the CDK app of environment "innovate-test": Invalid node group size',
    );
  });

  it('turns a construct validation failure into a readable error', async () => {
    build.mockImplementation(() =>
      appWith(stack =>
        stack.node.addValidation({ validate: () => ['the VPC is too small'] }),
      ),
    );
    const error = await synthesizeEnvironment(testSpec()).catch(e => e);
    expect(error).toBeInstanceOf(EnvironmentSynthesisError);
    expect(error.message).toMatch(
      /^Synthesis of environment "innovate-test" failed: .*the VPC is too small/s,
    );
  });

  it('refuses an app that needs context lookups', async () => {
    build.mockImplementation(() =>
      appWith(stack => new ec2.Vpc(stack, 'Vpc', { maxAzs: 3 })),
    );
    await expect(synthesizeEnvironment(testSpec())).rejects.toThrow(
      /^Environment "innovate-test" needs context lookups \(availability-zones:account=222222222222:region=us-east-1\); the app must synthesize without AWS access$/,
    );
  });
});
