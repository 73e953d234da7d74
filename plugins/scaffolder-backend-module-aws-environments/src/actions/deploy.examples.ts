import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const spec = {
  name: 'innovate-staging',
  accounts: { management: '111111111111', workloads: '333333333333' },
  budget: { alertEmail: 'platform-alerts@innovate.example' },
};

export const examples: TemplateExample[] = [
  {
    description: 'Deploy to the sandbox (no AWS account needed)',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'aws-environments:deploy',
          name: 'Deploy the environment',
          input: { spec },
        },
      ],
    }),
  },
  {
    description:
      'Deploy to AWS, stopping at the change sets until someone approves them',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'aws-environments:deploy',
          name: 'Create the change sets',
          input: { spec, source: 'aws', approval: 'required' },
        },
      ],
    }),
  },
  {
    description: 'Redeploy an existing environment with a changed spec',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'aws-environments:deploy',
          name: 'Update the environment',
          input: {
            spec: {
              ...spec,
              cluster: { applicationNodeGroup: { desiredSize: 3 } },
            },
            mode: 'update',
          },
        },
      ],
    }),
  },
];
