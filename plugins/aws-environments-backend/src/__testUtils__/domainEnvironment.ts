import {
  defaultEnvironmentSpec,
  type EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import type { DeployedEnvironment } from '../services/DataSources/types';
import { DOMAIN_STACKS } from './domainStacks';
import { fixtureEnvironment } from './fixtureEnvironment';

export const DOMAIN_ACCOUNTS = {
  management: '111111111111',
  workloads: '222222222222',
};

/** The distribution's own name, as the edge stack's output records it. */
export const DISTRIBUTION_DOMAIN = 'd111111abcdef8.cloudfront.net';

/**
 * The environment of {@link DOMAIN_STACKS}: `innovate-test` in eu-west-1
 * with app.innovate.example and api.innovate.example, or in us-east-1 with
 * app.innovate.example only.
 */
export function domainEnvironment(
  which: keyof typeof DOMAIN_STACKS,
  overrides: Partial<DeployedEnvironment> = {},
): DeployedEnvironment {
  const withApi = which === 'euWest1WithApi';
  const spec: EnvironmentSpec = {
    ...defaultEnvironmentSpec(),
    name: 'innovate-test',
    region: withApi ? 'eu-west-1' : 'us-east-1',
    accounts: DOMAIN_ACCOUNTS,
    domain: {
      name: 'app.innovate.example',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      hostedZoneName: 'innovate.example',
      hostedZoneAccount: 'workloads',
      ...(withApi ? { apiSubdomain: 'api' } : {}),
    },
  };
  return fixtureEnvironment(spec, {
    stacks: DOMAIN_STACKS[which],
    outputs: {
      'innovate-test-edge.DistributionDomainName': DISTRIBUTION_DOMAIN,
      'innovate-test-edge.DistributionId': 'E2QWRUHAPOMQZL',
    },
    ...overrides,
  });
}
