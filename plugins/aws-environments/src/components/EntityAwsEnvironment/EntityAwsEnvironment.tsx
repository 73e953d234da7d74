import { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { ANNOTATION_AWS_ENVIRONMENT } from '@innovate/plugin-aws-environments-common';
import { AlarmsCard } from '../AlarmsCard';
import { ClusterCard } from '../ClusterCard';
import { CostCard } from '../CostCard';
import { DatabaseCard } from '../DatabaseCard';
import { DomainCard } from '../DomainCard';
import { EnvironmentHeader } from '../EnvironmentHeader';
import { EnvironmentView } from '../EnvironmentView';
import { alarmOf, environmentOf, nodeGroupOf } from './entityAnnotations';

/** Renders `children` with the entity and its environment, or says what is missing. */
function WithEnvironment(props: {
  children: (environment: string, entity: Entity) => ReactNode;
}) {
  const { entity } = useEntity();
  const environment = environmentOf(entity);
  if (!environment) {
    return (
      <MissingAnnotationEmptyState annotation={ANNOTATION_AWS_ENVIRONMENT} />
    );
  }
  return <>{props.children(environment, entity)}</>;
}

/**
 * Entity content of an environment's catalog entity: the environment with
 * its tabs (Overview, Cluster, Database, Alarms, Cost, Deployments).
 */
export function EntityAwsEnvironmentContent() {
  return (
    <WithEnvironment>
      {environment => (
        <>
          <EnvironmentHeader environment={environment} />
          <EnvironmentView environment={environment} />
        </>
      )}
    </WithEnvironment>
  );
}

/** Entity card of an EKS cluster or node group entity: the cluster view. */
export function EntityEksClusterCard() {
  return (
    <WithEnvironment>
      {(environment, entity) => (
        <ClusterCard
          environment={environment}
          nodeGroup={nodeGroupOf(entity)}
        />
      )}
    </WithEnvironment>
  );
}

/** Entity card of an RDS instance entity: the database view. */
export function EntityRdsDatabaseCard() {
  return (
    <WithEnvironment>
      {environment => <DatabaseCard environment={environment} />}
    </WithEnvironment>
  );
}

/** Entity card of a CloudWatch alarm entity: that alarm (or all of them). */
export function EntityAwsAlarmsCard() {
  return (
    <WithEnvironment>
      {(environment, entity) => (
        <AlarmsCard environment={environment} alarm={alarmOf(entity)} />
      )}
    </WithEnvironment>
  );
}

/** Entity card of an AWS Budget entity: spend against the budget. */
export function EntityAwsCostCard() {
  return (
    <WithEnvironment>
      {environment => <CostCard environment={environment} variant="summary" />}
    </WithEnvironment>
  );
}

/**
 * Entity card of a Route 53 record or ACM certificate entity: the domain's
 * names, records and certificates with their status and expiry.
 */
export function EntityAwsDomainCard() {
  return (
    <WithEnvironment>
      {environment => <DomainCard environment={environment} />}
    </WithEnvironment>
  );
}
