import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Estimate the seed architecture (every default is the seed's)",
    example: yaml.stringify({
      steps: [
        {
          id: 'estimate',
          action: 'aws-environments:estimate',
          name: 'Estimate the monthly cost',
          input: {
            spec: {
              name: 'innovate-staging',
              accounts: {
                management: '111111111111',
                workloads: '333333333333',
              },
              budget: { alertEmail: 'platform-alerts@innovate.example' },
            },
          },
        },
      ],
    }),
  },
  {
    description: 'Estimate a smaller environment with one NAT gateway',
    example: yaml.stringify({
      steps: [
        {
          id: 'estimate',
          action: 'aws-environments:estimate',
          name: 'Estimate the monthly cost',
          input: {
            spec: {
              name: 'innovate-dev',
              accounts: {
                management: '111111111111',
                workloads: '444444444444',
              },
              network: { natGateways: 1 },
              cluster: {
                applicationNodeGroup: {
                  minSize: 1,
                  desiredSize: 1,
                  maxSize: 4,
                },
              },
              budget: {
                monthlyUsd: 300,
                alertEmail: 'platform-alerts@innovate.example',
              },
            },
          },
        },
      ],
    }),
  },
];
