import { actionExamples, EXAMPLE_SPEC as spec } from './example';

export const examples = actionExamples('aws-environments:deploy', [
  {
    description: 'Deploy to the sandbox (no AWS account needed)',
    name: 'Deploy the environment',
    input: { spec },
  },
  {
    description:
      'Deploy to the sandbox for one of your groups (otherwise your first group owns it)',
    name: 'Deploy the environment for the platform team',
    input: { spec, owner: 'group:default/platform-team' },
  },
  {
    description:
      'Deploy to AWS, stopping at the change sets until a second person of the owner group approves them',
    name: 'Create the change sets',
    input: { spec, source: 'aws', approval: 'required' },
  },
  {
    description: 'Redeploy an existing environment with a changed spec',
    name: 'Update the environment',
    input: {
      spec: {
        ...spec,
        cluster: { applicationNodeGroup: { desiredSize: 3 } },
      },
      mode: 'update',
    },
  },
]);
