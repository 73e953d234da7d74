import type { FieldError } from '../api/types';
import type { EnvironmentSpec } from './schema';

/*
 * The rules real AWS applies to changing a deployed environment, which a
 * spec on its own cannot show: EKS upgrades one minor version at a time and
 * never down, RDS storage only grows, PostgreSQL only goes up (a major
 * version only when asked), and an environment stays where it was created.
 */

/** `1.33` as 33: every version the spec allows is 1.x. */
function kubernetesMinor(version: string): number {
  return Number(version.split('.')[1]);
}

function postgresMajor(version: string): number {
  return Number(version.split('.')[0]);
}

/** The way out of a move: the environment's stacks stay where they are. */
const CREATE_NEW =
  'Create a new environment instead (and destroy this one when it is no longer needed)';

function placeErrors(
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
): FieldError[] {
  const errors: FieldError[] = [];
  if (proposed.name !== current.name) {
    errors.push({
      field: 'name',
      message: `cannot change from '${current.name}': an environment's name is fixed (its stacks and resources are named after it). ${CREATE_NEW}`,
    });
  }
  for (const account of ['management', 'workloads'] as const) {
    if (proposed.accounts[account] !== current.accounts[account]) {
      errors.push({
        field: `accounts.${account}`,
        message: `cannot change from ${current.accounts[account]}: an environment's accounts are fixed (a changed one would deploy a second copy and leave the first, its database too, behind). ${CREATE_NEW}`,
      });
    }
  }
  if (proposed.region !== current.region) {
    errors.push({
      field: 'region',
      message: `cannot change from ${current.region}: an environment's region is fixed (a changed one would deploy a second copy and leave the first, its database too, behind). ${CREATE_NEW}`,
    });
  }
  return errors;
}

function kubernetesErrors(
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
): FieldError[] {
  const from = current.cluster.kubernetesVersion;
  const to = proposed.cluster.kubernetesVersion;
  const step = kubernetesMinor(to) - kubernetesMinor(from);
  if (step < 0) {
    return [
      {
        field: 'cluster.kubernetesVersion',
        message: `cannot go down from ${from} to ${to}: EKS never downgrades a cluster. Keep ${from} (or a later version), or create a new environment on ${to}`,
      },
    ];
  }
  if (step > 1) {
    const next = `1.${kubernetesMinor(from) + 1}`;
    return [
      {
        field: 'cluster.kubernetesVersion',
        message: `cannot go from ${from} to ${to} in one step: EKS upgrades one minor version at a time. Upgrade to ${next} first, then deploy again for each next version up to ${to}`,
      },
    ];
  }
  return [];
}

function databaseErrors(
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
): FieldError[] {
  const errors: FieldError[] = [];
  const storageFrom = current.database.allocatedStorageGb;
  const storageTo = proposed.database.allocatedStorageGb;
  if (storageTo < storageFrom) {
    errors.push({
      field: 'database.allocatedStorageGb',
      message: `cannot shrink from ${storageFrom} to ${storageTo} GiB: RDS storage only grows. Keep ${storageFrom} GiB or more (less storage needs a new environment and a dump and restore of the data)`,
    });
  }
  const engineFrom = current.database.engineVersion;
  const engineTo = proposed.database.engineVersion;
  const majorStep = postgresMajor(engineTo) - postgresMajor(engineFrom);
  if (majorStep < 0) {
    errors.push({
      field: 'database.engineVersion',
      message: `cannot go down from PostgreSQL ${engineFrom} to ${engineTo}: RDS never downgrades the engine. Keep ${engineFrom} (or a later version), or create a new environment on ${engineTo} and restore a dump of the data`,
    });
  } else if (
    majorStep > 0 &&
    proposed.database.allowMajorVersionUpgrade !== true
  ) {
    errors.push({
      field: 'database.engineVersion',
      message: `upgrading PostgreSQL from ${engineFrom} to ${engineTo} is a major version upgrade: set database.allowMajorVersionUpgrade to true to allow it (the database is unavailable while RDS upgrades it; check that the applications support ${engineTo} first)`,
    });
  }
  return errors;
}

/**
 * Field errors (same FieldError type as validateEnvironmentSpec) for changing
 * `current` into `proposed`; empty when allowed. Each names the field, why
 * AWS refuses the change, and the way out. Both specs are valid ones (see
 * {@link validateEnvironmentSpec}); the spec's own rules, such as
 * minSize ≤ desiredSize ≤ maxSize, are not repeated here.
 *
 * @public
 */
export function checkSpecUpdate(
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
): FieldError[] {
  return [
    ...placeErrors(current, proposed),
    ...kubernetesErrors(current, proposed),
    ...databaseErrors(current, proposed),
  ];
}

/**
 * The order in which AWS applies the update, as sentences, e.g. for
 * 1.33 to 1.34: control plane, then node groups' release version, then add-on
 * versions; empty when nothing needs ordering (and when the Kubernetes
 * change is one {@link checkSpecUpdate} refuses).
 *
 * @public
 */
export function updateSteps(
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
): string[] {
  const from = current.cluster.kubernetesVersion;
  const to = proposed.cluster.kubernetesVersion;
  if (kubernetesMinor(to) - kubernetesMinor(from) !== 1) {
    return [];
  }
  return [
    `The EKS control plane is upgraded from Kubernetes ${from} to ${to}; the nodes keep running ${from} meanwhile.`,
    `Then the node groups (system and application) move to the EKS-optimized AMI release version for ${to}, replacing their nodes one by one.`,
    `Then the add-ons (metrics-server, amazon-cloudwatch-observability) are updated to their versions for Kubernetes ${to}.`,
  ];
}
