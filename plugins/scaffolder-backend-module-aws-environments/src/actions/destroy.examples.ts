import { actionExamples } from './example';

export const examples = actionExamples('aws-environments:destroy', [
  {
    description: 'Destroy an environment but keep its database stack',
    name: 'Destroy the environment',
    input: { name: 'innovate-dev', confirm: 'innovate-dev' },
  },
  {
    description: 'Destroy an environment and its database',
    name: 'Destroy the environment and its data',
    input: {
      name: 'innovate-dev',
      confirm: 'innovate-dev',
      destroyData: true,
    },
  },
]);
