import {
  CloudFormationClient,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import {
  defaultEnvironmentSpec,
  EnvironmentSpec,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError } from '../../__testUtils__/awsMocks';
import {
  FakeSynthesizer,
  fixtureStacks,
} from '../../__testUtils__/fakeSynthesizer';
import type { AwsClientFactory } from '../AwsClients/types';
import type { EnvironmentRecord } from '../EnvironmentRegistry/types';
import { PreviewService } from './PreviewService';

const seed = defaultEnvironmentSpec();
const scaled: EnvironmentSpec = {
  ...seed,
  cluster: {
    ...seed.cluster,
    applicationNodeGroup: {
      ...seed.cluster.applicationNodeGroup,
      desiredSize: 4,
    },
  },
};

describe('PreviewService with an aws environment', () => {
  it('diffs against the templates CloudFormation has, and adds every resource of a stack not deployed yet', async () => {
    const stacks = fixtureStacks(seed);
    const deployed = stacks.find(stack =>
      JSON.stringify(stack.template).includes('AWS::EKS::Nodegroup'),
    )!;
    const cloudFormation = mockClient(CloudFormationClient);
    cloudFormation
      .on(GetTemplateCommand)
      .callsFake(input =>
        input.StackName === deployed.stackName
          ? { TemplateBody: JSON.stringify(deployed.template) }
          : Promise.reject(
              awsError(
                'ValidationError',
                `Stack with id ${input.StackName} does not exist`,
              ),
            ),
      );
    const awsClients = {
      cloudFormation: async () => new CloudFormationClient({}),
    } as unknown as AwsClientFactory;
    const service = new PreviewService({
      synthesizer: new FakeSynthesizer(),
      awsClients,
      estimate: estimateFromSpec,
      workDirectory: '/tmp',
    });
    const environment = {
      name: seed.name,
      source: 'aws',
      spec: seed,
    } as EnvironmentRecord;

    const preview = await service.preview(environment, scaled, []);

    expect(
      cloudFormation.commandCalls(GetTemplateCommand).map(c => c.args[0].input),
    ).toEqual(
      stacks.map(stack => ({
        StackName: stack.stackName,
        TemplateStage: 'Original',
      })),
    );
    const ofStack = (name: string) =>
      preview.changes.filter(change => change.stack === name);
    expect(ofStack(deployed.stackName)).toEqual([
      expect.objectContaining({
        type: 'AWS::EKS::Nodegroup',
        action: 'modify',
        properties: ['ScalingConfig'],
      }),
    ]);
    for (const stack of stacks.filter(s => s !== deployed)) {
      const resources = Object.keys((stack.template.Resources ?? {}) as object);
      expect(ofStack(stack.stackName).map(c => c.action)).toEqual(
        resources.map(() => 'add'),
      );
    }
    expect(preview.blocked).toEqual([]);
    expect(preview.cost.deltaUsd).toBeGreaterThan(0);
  });
});
