import type { TemplateParameterSchema } from '@backstage/plugin-scaffolder-react';
import type { StepperProps } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * A two-page wizard like `create-aws-environment`: spec-shaped form data
 * (nested objects named like the spec's), and the cost field on the last
 * page. For the dev harness and the field's tests.
 */
export const wizardManifest: TemplateParameterSchema = {
  title: 'AWS environment',
  steps: [
    {
      title: 'Environment and accounts',
      schema: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', title: 'Name' },
          accounts: {
            type: 'object',
            title: 'AWS accounts',
            properties: {
              management: { type: 'string', title: 'Management account id' },
              workloads: { type: 'string', title: 'Workloads account id' },
            },
          },
        },
      },
    },
    {
      title: 'Cluster and budget',
      schema: {
        type: 'object',
        properties: {
          cluster: {
            type: 'object',
            title: 'Cluster',
            properties: {
              applicationNodeGroup: {
                type: 'object',
                title: 'Application node group',
                properties: {
                  minSize: { type: 'integer', title: 'Minimum size' },
                  desiredSize: { type: 'integer', title: 'Desired size' },
                  maxSize: { type: 'integer', title: 'Maximum size' },
                },
              },
            },
          },
          budget: {
            type: 'object',
            title: 'Budget',
            properties: {
              monthlyUsd: { type: 'number', title: 'Monthly budget (USD)' },
              alertEmail: { type: 'string', title: 'Alert e-mail' },
            },
          },
          costEstimate: {
            type: 'object',
            title: 'Estimated monthly cost',
            'ui:field': 'AwsEnvironmentCostEstimate',
          },
        },
      },
    },
  ],
};

/** The seed's values for the wizard's fields. */
export const wizardInitialState: NonNullable<StepperProps['initialState']> = {
  name: 'innovate-dev',
  accounts: { management: '111111111111', workloads: '222222222222' },
  cluster: {
    applicationNodeGroup: { minSize: 2, desiredSize: 2, maxSize: 20 },
  },
  budget: { monthlyUsd: 430, alertEmail: 'platform-alerts@innovate.example' },
};
