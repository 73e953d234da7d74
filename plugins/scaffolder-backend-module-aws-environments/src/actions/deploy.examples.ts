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
      'Deploy to the sandbox for one of your groups (otherwise your first group owns it)',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'aws-environments:deploy',
          name: 'Deploy the environment for the platform team',
          input: { spec, owner: 'group:default/platform-team' },
        },
      ],
    }),
  },
  {
    description:
      'Deploy to AWS, stopping at the change sets until a second person of the owner group approves them',
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
