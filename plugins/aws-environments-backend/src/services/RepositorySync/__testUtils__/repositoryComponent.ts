import type { Entity } from '@backstage/catalog-model';

/**
 * The repository the create-aws-environment template wrote for the seed, as
 * the environment records it.
 */
export const REPOSITORY = 'https://github.com/acme/innovate-prod-environment';
/** Its environment.json, next to its catalog-info.yaml. */
export const FILE =
  'https://github.com/acme/innovate-prod-environment/blob/main/environment.json';

/** The Component the create-aws-environment template registers. */
export function repositoryComponent(
  overrides: {
    name?: string;
    environment?: string;
    owner?: string;
    location?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: overrides.name ?? 'innovate-prod-infrastructure',
      namespace: 'default',
      annotations: {
        'innovate.io/aws-environment': overrides.environment ?? 'innovate-prod',
        'backstage.io/managed-by-location':
          overrides.location ??
          'url:https://github.com/acme/innovate-prod-environment/blob/main/catalog-info.yaml',
        'backstage.io/source-location': `url:${REPOSITORY}/tree/main/`,
      },
    },
    spec: {
      type: 'infrastructure',
      lifecycle: 'production',
      owner: overrides.owner ?? 'group:default/platform-team',
    },
  };
}
