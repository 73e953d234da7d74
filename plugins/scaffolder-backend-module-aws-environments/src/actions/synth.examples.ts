import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const spec = {
  name: 'innovate-staging',
  accounts: { management: '111111111111', workloads: '333333333333' },
  budget: { alertEmail: 'platform-alerts@innovate.example' },
};

export const examples: TemplateExample[] = [
  {
    description:
      'Synthesize the seed architecture into ./infrastructure of the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'synth',
          action: 'aws-environments:synth',
          name: 'Synthesize the environment',
          input: { spec },
        },
      ],
    }),
  },
  {
    description:
      'Synthesize a single-NAT environment, accepting that deviation from the seed',
    example: yaml.stringify({
      steps: [
        {
          id: 'synth',
          action: 'aws-environments:synth',
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
      ],
    }),
  },
];
