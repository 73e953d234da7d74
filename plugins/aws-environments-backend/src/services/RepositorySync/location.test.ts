import type { Entity } from '@backstage/catalog-model';
import { repositoryLocationOf } from './location';

function component(
  annotations: Record<string, string>,
  owner?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'prod-infrastructure', namespace: 'team-a', annotations },
    spec: { type: 'infrastructure', ...(owner ? { owner } : {}) },
  };
}

describe('repositoryLocationOf', () => {
  it('finds environment.json next to the catalog file, in the source location’s repository', () => {
    expect(
      repositoryLocationOf(
        component(
          {
            'innovate.io/aws-environment': 'prod',
            'backstage.io/managed-by-location':
              'url:https://github.com/acme/prod-env/blob/main/infra/catalog-info.yaml',
            'backstage.io/source-location':
              'url:https://github.com/acme/prod-env/tree/main/',
          },
          'Platform-Team',
        ),
      ),
    ).toEqual({
      entityRef: 'component:team-a/prod-infrastructure',
      environment: 'prod',
      owner: 'group:team-a/platform-team',
      repository: 'https://github.com/acme/prod-env/tree/main/',
      file: 'https://github.com/acme/prod-env/blob/main/infra/environment.json',
    });
  });

  it('takes the catalog file’s folder as the repository without a source location', () => {
    const location = repositoryLocationOf(
      component({
        'innovate.io/aws-environment': 'prod',
        'backstage.io/managed-by-location':
          'url:https://gitlab.example/acme/prod-env/-/blob/main/catalog-info.yaml',
      }),
    );
    expect(location).toMatchObject({
      repository: 'https://gitlab.example/acme/prod-env/-/blob/main/',
      file: 'https://gitlab.example/acme/prod-env/-/blob/main/environment.json',
    });
    expect(location).not.toHaveProperty('owner', expect.anything());
  });

  it('gives the reason for an entity that does not come from a repository', () => {
    expect(
      repositoryLocationOf(
        component({
          'innovate.io/aws-environment': 'prod',
          'backstage.io/managed-by-location': 'aws-environments:prod',
        }),
      ),
    ).toEqual({
      skipped:
        'its catalog location (aws-environments:prod) is not a repository URL',
    });
    expect(repositoryLocationOf(component({}))).toEqual({
      skipped: 'it has no innovate.io/aws-environment annotation',
    });
  });
});
