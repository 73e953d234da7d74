import { actionExamples } from './example';

export const examples = actionExamples('aws-environments:outputs', [
  {
    description:
      'Read what a Flask API needs from the environment picked with EntityPicker (IRSA role, database, target group, ECR, the entities it depends on)',
    name: "Read the environment's outputs",
    input: {
      environment: 'resource:default/innovate-staging',
      service: 'api',
      port: 8080,
      repoUrl: 'github.com?owner=innovate-inc&repo=orders-api',
    },
  },
  {
    description:
      'Read what a React SPA needs from an environment given by name (bucket, distribution)',
    name: "Read the environment's outputs",
    input: { environment: 'innovate-staging', service: 'spa' },
  },
]);
