import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
  parseEntityRef,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATION_AWS_ENVIRONMENT } from '@innovate/plugin-aws-environments-common';
import type { RepositoryLocation } from './types';

/** The spec file the create-aws-environment template writes next to catalog-info.yaml. */
export const ENVIRONMENT_FILE = 'environment.json';

/** The fields of a Component the sync reads from the catalog. */
export const LOCATION_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
];

function urlOf(locationRef: string | undefined): string | undefined {
  if (!locationRef) {
    return undefined;
  }
  try {
    const { type, target } = parseLocationRef(locationRef);
    return type === 'url' ? new URL(target).toString() : undefined;
  } catch {
    return undefined;
  }
}

function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Where a Component annotated `innovate.io/aws-environment` keeps its
 * environment's spec: environment.json next to the catalog-info.yaml the
 * catalog read it from (its `backstage.io/managed-by-location`, a URL), in
 * the repository of its source location. A reason instead when the
 * Component does not come from a repository (e.g. a provider's entity).
 */
export function repositoryLocationOf(
  entity: Entity,
): RepositoryLocation | { skipped: string } {
  const annotations = entity.metadata.annotations ?? {};
  const environment = annotations[ANNOTATION_AWS_ENVIRONMENT]?.trim();
  if (!environment) {
    return { skipped: `it has no ${ANNOTATION_AWS_ENVIRONMENT} annotation` };
  }
  const catalogFile = urlOf(annotations[ANNOTATION_LOCATION]);
  if (!catalogFile) {
    return {
      skipped: `its catalog location (${
        annotations[ANNOTATION_LOCATION] ?? 'none'
      }) is not a repository URL`,
    };
  }
  const file = new URL(ENVIRONMENT_FILE, catalogFile).toString();
  return {
    entityRef: stringifyEntityRef(entity),
    environment,
    owner: ownerOf(entity),
    repository:
      urlOf(annotations[ANNOTATION_SOURCE_LOCATION]) ??
      new URL('.', catalogFile).toString(),
    file,
  };
}
