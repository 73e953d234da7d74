import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  createSubRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { AwsEnvironmentsClient, awsEnvironmentsApiRef } from '../api';
import { costEstimateFieldExtension } from '../components/CostEstimateField';

/**
 * The environments page, for apps on the legacy frontend system.
 *
 * @public
 */
export const legacyRootRouteRef = createRouteRef({ id: 'aws-environments' });

/**
 * One environment under the environments page, for the legacy frontend system.
 *
 * @public
 */
export const legacyEnvironmentRouteRef = createSubRouteRef({
  id: 'aws-environments/environment',
  parent: legacyRootRouteRef,
  path: '/:name',
});

/**
 * The AWS environments plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const awsEnvironmentsPlugin = createPlugin({
  id: 'aws-environments',
  apis: [
    createApiFactory({
      api: awsEnvironmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsEnvironmentsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: legacyRootRouteRef,
    environment: legacyEnvironmentRouteRef,
  },
});

/**
 * The environments page with each environment's tabs beneath it; mount it
 * at `/aws-environments`.
 *
 * @public
 */
export const AwsEnvironmentsPage = awsEnvironmentsPlugin.provide(
  createRoutableExtension({
    name: 'AwsEnvironmentsPage',
    component: () =>
      import('./LegacyAwsEnvironmentsPage').then(
        m => m.LegacyAwsEnvironmentsPage,
      ),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The environment's tabs, for the entity page of an environment entity.
 *
 * @public
 */
export const EntityAwsEnvironmentContent = awsEnvironmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsEnvironmentContent',
    component: {
      lazy: () =>
        import('../components/EntityAwsEnvironment').then(
          m => m.EntityAwsEnvironmentContent,
        ),
    },
  }),
);

/**
 * The cluster view, for EKS cluster and node group entities.
 *
 * @public
 */
export const EntityEksClusterCard = awsEnvironmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEksClusterCard',
    component: {
      lazy: () =>
        import('../components/EntityAwsEnvironment').then(
          m => m.EntityEksClusterCard,
        ),
    },
  }),
);

/**
 * The database view, for RDS instance entities.
 *
 * @public
 */
export const EntityRdsDatabaseCard = awsEnvironmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityRdsDatabaseCard',
    component: {
      lazy: () =>
        import('../components/EntityAwsEnvironment').then(
          m => m.EntityRdsDatabaseCard,
        ),
    },
  }),
);

/**
 * The alarm's state, for CloudWatch alarm entities.
 *
 * @public
 */
export const EntityAwsAlarmsCard = awsEnvironmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsAlarmsCard',
    component: {
      lazy: () =>
        import('../components/EntityAwsEnvironment').then(
          m => m.EntityAwsAlarmsCard,
        ),
    },
  }),
);

/**
 * Spend against the budget, for AWS Budget entities.
 *
 * @public
 */
export const EntityAwsCostCard = awsEnvironmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsCostCard',
    component: {
      lazy: () =>
        import('../components/EntityAwsEnvironment').then(
          m => m.EntityAwsCostCard,
        ),
    },
  }),
);

/**
 * The live cost field (`ui:field: AwsEnvironmentCostEstimate`); put it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder page.
 *
 * @public
 */
export const AwsEnvironmentCostEstimateFieldExtension =
  awsEnvironmentsPlugin.provide(
    createScaffolderFieldExtension(costEstimateFieldExtension),
  );
