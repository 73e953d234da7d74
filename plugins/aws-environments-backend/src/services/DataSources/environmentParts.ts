import {
  AlarmView,
  environmentResourceNames,
  findResources,
  literalString,
  propertyAt,
  SEED_ALARM_THRESHOLDS,
  SEED_DEFAULTS,
  TemplateResource,
} from '@innovate/plugin-aws-environments-common';
import { NotFoundError } from '@backstage/errors';
import type { DeployedEnvironment } from './types';

/*
 * The parts of an environment the views look at, found in its recorded
 * templates, with the physical names the CDK app gives them
 * (`environmentResourceNames` in the common package) as the fallback.
 */

/** The part a view shows (404 when the environment has none deployed). */
function deployedPart(
  environment: DeployedEnvironment,
  type: string,
  what: string,
): TemplateResource {
  const part = findResources(environment.stacks, type)[0];
  if (!part) {
    throw new NotFoundError(
      `Environment '${environment.name}' has no deployed ${what} (status ${environment.status})`,
    );
  }
  return part;
}

/** The environment's EKS cluster and its name (404 when none is deployed). */
export function deployedCluster(environment: DeployedEnvironment): {
  resource: TemplateResource;
  name: string;
} {
  const resource = deployedPart(
    environment,
    'AWS::EKS::Cluster',
    'EKS cluster',
  );
  const name =
    literalString(resource.properties.Name) ??
    environmentResourceNames(environment.name).cluster;
  return { resource, name };
}

export function nodegroupResources(environment: DeployedEnvironment) {
  return findResources(environment.stacks, 'AWS::EKS::Nodegroup');
}

export function nodegroupName(resource: TemplateResource): string | undefined {
  return literalString(resource.properties.NodegroupName);
}

export function addonResources(environment: DeployedEnvironment) {
  return findResources(environment.stacks, 'AWS::EKS::Addon');
}

/** The environment's RDS instance and its identifier (404 when none is deployed). */
export function deployedDatabase(environment: DeployedEnvironment): {
  resource: TemplateResource;
  identifier: string;
} {
  const resource = deployedPart(
    environment,
    'AWS::RDS::DBInstance',
    'RDS database',
  );
  const identifier = (
    literalString(resource.properties.DBInstanceIdentifier) ??
    environmentResourceNames(environment.name).database
  ).toLowerCase();
  return { resource, identifier };
}

export function alarmResources(environment: DeployedEnvironment) {
  return findResources(environment.stacks, 'AWS::CloudWatch::Alarm');
}

export function budgetName(environment: DeployedEnvironment): string {
  const resource = findResources(environment.stacks, 'AWS::Budgets::Budget')[0];
  const literal = resource
    ? literalString(propertyAt(resource.properties, 'Budget', 'BudgetName'))
    : undefined;
  return literal ?? environmentResourceNames(environment.name).budget;
}

/** Every alarm name of the environment starts with this. */
export function alarmNamePrefix(environmentName: string): string {
  return `${environmentName}-`;
}

type AlarmKind = AlarmView['kind'];

/** What an alarm watches, from its name (the CDK app's naming). */
export function alarmKind(
  environmentName: string,
  alarmName: string,
): AlarmKind {
  const names = environmentResourceNames(environmentName).alarms;
  const byName: Record<string, AlarmKind> = {
    [names.errorRate]: 'error-rate',
    [names.p99Latency]: 'p99-latency',
    [names.nodeCpu]: 'node-cpu',
    [names.nodeMemory]: 'node-memory',
    [names.databaseCpu]: 'database-cpu',
  };
  return byName[alarmName] ?? 'other';
}

export function seedThreshold(kind: AlarmKind): number | undefined {
  return SEED_ALARM_THRESHOLDS[kind];
}

/** `1.33` against the seed's `1.33`: true when the first is older. */
export function isBehind(version: string, target: string): boolean {
  const parse = (v: string) => v.split('.').map(part => Number(part) || 0);
  const [aMajor = 0, aMinor = 0] = parse(version);
  const [bMajor = 0, bMinor = 0] = parse(target);
  return aMajor < bMajor || (aMajor === bMajor && aMinor < bMinor);
}

export const TARGET_KUBERNETES_VERSION =
  SEED_DEFAULTS.cluster.kubernetesVersion;
