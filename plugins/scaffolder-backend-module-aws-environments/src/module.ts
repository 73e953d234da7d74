import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDeployAction } from './actions/deploy';
import { createDestroyAction } from './actions/destroy';
import { createEstimateAction } from './actions/estimate';
import { createOutputsAction } from './actions/outputs';
import { createSynthAction } from './actions/synth';
import { createVendorAction } from './actions/vendor';
import { AwsEnvironmentsBackendClient } from './services/AwsEnvironmentsBackendClient';
import { CatalogServiceLookup } from './services/CatalogLookup';

/**
 * Scaffolder actions for AWS environments: estimate, synth, deploy, destroy,
 * outputs (what a service template needs of an environment) and vendor (the
 * portal's CDK app, packed, into an environment repository).
 *
 * @public
 */
export const scaffolderModuleAwsEnvironments = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-environments',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolderActions, discovery, auth, config, catalog }) {
        const backend = new AwsEnvironmentsBackendClient({ discovery, auth });
        const appBaseUrl = config.getString('app.baseUrl');
        scaffolderActions.addActions(
          createEstimateAction(),
          createSynthAction(),
          createDeployAction({
            backend,
            catalog: new CatalogServiceLookup({ catalog }),
            auth,
            appBaseUrl,
          }),
          createDestroyAction({ backend, auth, appBaseUrl }),
          createOutputsAction({ backend, catalog }),
          createVendorAction(),
        );
      },
    });
  },
});
