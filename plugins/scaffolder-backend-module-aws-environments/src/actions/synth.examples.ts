import { actionExamples, EXAMPLE_SPEC as spec } from './example';

export const examples = actionExamples('aws-environments:synth', [
  {
    description:
      'Synthesize the seed architecture into ./infrastructure of the workspace',
    name: 'Synthesize the environment',
    input: { spec },
  },
  {
    description:
      'Synthesize a single-NAT environment, accepting that deviation from the seed',
    name: 'Synthesize the environment',
    input: {
      spec: {
        ...spec,
        name: 'innovate-dev',
        network: { natGateways: 1 },
      },
      targetPath: 'cdk',
      allowedDeviations: ['nat-per-az'],
    },
  },
]);
