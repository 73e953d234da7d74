import { actionExamples, EXAMPLE_SPEC as spec } from './example';

export const examples = actionExamples('aws-environments:estimate', [
  {
    description: "Estimate the seed architecture (every default is the seed's)",
    name: 'Estimate the monthly cost',
    input: { spec },
  },
  {
    description: 'Estimate a smaller environment with one NAT gateway',
    name: 'Estimate the monthly cost',
    input: {
      spec: {
        name: 'innovate-dev',
        accounts: { management: '111111111111', workloads: '444444444444' },
        network: { natGateways: 1 },
        cluster: {
          applicationNodeGroup: { minSize: 1, desiredSize: 1, maxSize: 4 },
        },
        budget: {
          monthlyUsd: 300,
          alertEmail: 'platform-alerts@innovate.example',
        },
      },
    },
  },
]);
