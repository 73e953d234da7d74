import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Destroy an environment but keep its database stack',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'aws-environments:destroy',
          name: 'Destroy the environment',
          input: { name: 'innovate-dev', confirm: 'innovate-dev' },
        },
      ],
    }),
  },
  {
    description: 'Destroy an environment and its database',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'aws-environments:destroy',
          name: 'Destroy the environment and its data',
          input: {
            name: 'innovate-dev',
            confirm: 'innovate-dev',
            destroyData: true,
          },
        },
      ],
    }),
  },
];
