import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { AWS_ENVIRONMENTS_PLUGIN_ID } from '@innovate/plugin-aws-environments-common';
import { AwsEnvironmentsClient, awsEnvironmentsApiRef } from './api';
import * as entities from './components/EntityAwsEnvironment/entityAnnotations';
import {
  environmentRouteRef,
  environmentTemplateRouteRef,
  rootRouteRef,
} from './routes';

/** The client of the aws-environments backend. */
export const awsEnvironmentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: awsEnvironmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsEnvironmentsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `/aws-environments`: the environments, and each environment's tabs under
 * `/aws-environments/:name`. Its title and icon make the sidebar item.
 */
export const awsEnvironmentsPage = PageBlueprint.make({
  params: {
    path: '/aws-environments',
    routeRef: rootRouteRef,
    title: 'AWS Environments',
    icon: <CloudQueueIcon fontSize="inherit" />,
    loader: () =>
      import('./components/AwsEnvironmentsRouter').then(m => (
        <m.AwsEnvironmentsRouter />
      )),
  },
});

/** The environment's tabs on its own catalog entity. */
export const awsEnvironmentEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'aws-environment',
    title: 'AWS Environment',
    filter: entities.isAwsEnvironmentEntity,
    loader: () =>
      import('./components/EntityAwsEnvironment').then(m => (
        <m.EntityAwsEnvironmentContent />
      )),
  },
});

/** The environment drawn as the seed's diagram, on its own entity. */
export const architectureEntityCard = EntityCardBlueprint.make({
  name: 'architecture',
  params: {
    type: 'content',
    filter: entities.isAwsEnvironmentEntity,
    loader: () =>
      import('./components/ArchitectureView').then(m => <m.ArchitectureCard />),
  },
});

/** The cluster view on EKS cluster and node group entities. */
export const eksClusterEntityCard = EntityCardBlueprint.make({
  name: 'eks-cluster',
  params: {
    type: 'content',
    filter: entities.isEksClusterEntity,
    loader: () =>
      import('./components/EntityAwsEnvironment').then(m => (
        <m.EntityEksClusterCard />
      )),
  },
});

/** The database view on RDS instance entities. */
export const rdsDatabaseEntityCard = EntityCardBlueprint.make({
  name: 'rds-database',
  params: {
    type: 'content',
    filter: entities.isRdsDatabaseEntity,
    loader: () =>
      import('./components/EntityAwsEnvironment').then(m => (
        <m.EntityRdsDatabaseCard />
      )),
  },
});

/** The alarm's state on CloudWatch alarm entities. */
export const alarmsEntityCard = EntityCardBlueprint.make({
  name: 'alarms',
  params: {
    type: 'content',
    filter: entities.isAwsAlarmEntity,
    loader: () =>
      import('./components/EntityAwsEnvironment').then(m => (
        <m.EntityAwsAlarmsCard />
      )),
  },
});

/** Spend against the budget on AWS Budget entities. */
export const costEntityCard = EntityCardBlueprint.make({
  name: 'cost',
  params: {
    type: 'content',
    filter: entities.isAwsBudgetEntity,
    loader: () =>
      import('./components/EntityAwsEnvironment').then(m => (
        <m.EntityAwsCostCard />
      )),
  },
});

/** Names, records and certificates on Route 53 record and ACM certificate entities. */
export const domainEntityCard = EntityCardBlueprint.make({
  name: 'domain',
  params: {
    type: 'content',
    filter: entities.isAwsDomainEntity,
    loader: () =>
      import('./components/EntityAwsEnvironment').then(m => (
        <m.EntityAwsDomainCard />
      )),
  },
});

/** The live cost field of the create-aws-environment wizard. */
export const costEstimateFormField = FormFieldBlueprint.make({
  name: 'cost-estimate',
  params: {
    field: () =>
      import('./components/CostEstimateField/formField').then(
        m => m.costEstimateFormField,
      ),
  },
});

/** The change preview field of the wizard, when it updates an environment. */
export const changePreviewFormField = FormFieldBlueprint.make({
  name: 'change-preview',
  params: {
    field: () =>
      import('./components/ChangePreviewField/formField').then(
        m => m.changePreviewFormField,
      ),
  },
});

/**
 * The AWS environments plugin for the new frontend system.
 *
 * @public
 */
export const awsEnvironmentsPlugin = createFrontendPlugin({
  pluginId: AWS_ENVIRONMENTS_PLUGIN_ID,
  title: 'AWS Environments',
  icon: <CloudQueueIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    awsEnvironmentsApi,
    awsEnvironmentsPage,
    awsEnvironmentEntityContent,
    architectureEntityCard,
    eksClusterEntityCard,
    rdsDatabaseEntityCard,
    alarmsEntityCard,
    costEntityCard,
    domainEntityCard,
    costEstimateFormField,
    changePreviewFormField,
  ],
  routes: {
    root: rootRouteRef,
    environment: environmentRouteRef,
  },
  externalRoutes: {
    environmentTemplate: environmentTemplateRouteRef,
  },
});
