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
import { AWS_ENVIRONMENTS_PLUGIN_ID } from '@innovate/plugin-aws-environments-common';
import { AwsEnvironmentsClient, awsEnvironmentsApiRef } from '../api';
import { changePreviewFieldExtension } from '../components/ChangePreviewField';
import { costEstimateFieldExtension } from '../components/CostEstimateField';
import type * as EntityComponents from '../components/EntityAwsEnvironment';

/**
 * The environments page, for apps on the legacy frontend system.
 *
 * @public
 */
export const legacyRootRouteRef = createRouteRef({
  id: AWS_ENVIRONMENTS_PLUGIN_ID,
});

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
  id: AWS_ENVIRONMENTS_PLUGIN_ID,
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
export const AwsEnvironmentsPage: () => JSX.Element =
  awsEnvironmentsPlugin.provide(
    createRoutableExtension({
      name: 'AwsEnvironmentsPage',
      component: () =>
        import('./LegacyAwsEnvironmentsPage').then(
          m => m.LegacyAwsEnvironmentsPage,
        ),
      mountPoint: legacyRootRouteRef,
    }),
  );

/** An entity page component of the plugin, loaded when first rendered. */
function entityComponent(
  name: keyof typeof EntityComponents,
): () => JSX.Element {
  return awsEnvironmentsPlugin.provide(
    createComponentExtension({
      name,
      component: {
        lazy: () =>
          import('../components/EntityAwsEnvironment').then(m => m[name]),
      },
    }),
  );
}

/**
 * The environment's tabs, for the entity page of an environment entity.
 *
 * @public
 */
export const EntityAwsEnvironmentContent = entityComponent(
  'EntityAwsEnvironmentContent',
);

/**
 * The environment drawn as the seed's diagram with live status and cost,
 * for the overview of an environment entity.
 *
 * @public
 */
export const EntityAwsArchitectureCard: () => JSX.Element =
  awsEnvironmentsPlugin.provide(
    createComponentExtension({
      name: 'EntityAwsArchitectureCard',
      component: {
        lazy: () =>
          import('../components/ArchitectureView').then(
            m => m.ArchitectureCard,
          ),
      },
    }),
  );

/**
 * The cluster view, for EKS cluster and node group entities.
 *
 * @public
 */
export const EntityEksClusterCard = entityComponent('EntityEksClusterCard');

/**
 * The database view, for RDS instance entities.
 *
 * @public
 */
export const EntityRdsDatabaseCard = entityComponent('EntityRdsDatabaseCard');

/**
 * The alarm's state, for CloudWatch alarm entities.
 *
 * @public
 */
export const EntityAwsAlarmsCard = entityComponent('EntityAwsAlarmsCard');

/**
 * Spend against the budget, for AWS Budget entities.
 *
 * @public
 */
export const EntityAwsCostCard = entityComponent('EntityAwsCostCard');

/**
 * The domain's names, records and certificates (status and expiry), for
 * Route 53 record and ACM certificate entities.
 *
 * @public
 */
export const EntityAwsDomainCard = entityComponent('EntityAwsDomainCard');

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

/**
 * The change preview field (`ui:field: AwsEnvironmentChangePreview`) of the
 * wizard in update mode; put it inside `<ScaffolderFieldExtensions>` of the
 * scaffolder page.
 *
 * @public
 */
export const AwsEnvironmentChangePreviewFieldExtension =
  awsEnvironmentsPlugin.provide(
    createScaffolderFieldExtension(changePreviewFieldExtension),
  );
