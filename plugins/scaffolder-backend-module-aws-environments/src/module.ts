import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDeployAction } from './actions/deploy';
import { createDestroyAction } from './actions/destroy';
import { createEstimateAction } from './actions/estimate';
import { createSynthAction } from './actions/synth';
import { AwsEnvironmentsBackendClient } from './services/AwsEnvironmentsBackendClient';
import { CatalogApiLookup } from './services/CatalogLookup';

/**
 * Scaffolder actions for AWS environments: estimate, synth, deploy, destroy.
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
      },
      async init({ scaffolderActions, discovery, auth, config }) {
        const backend = new AwsEnvironmentsBackendClient({ discovery, auth });
        const appBaseUrl = config.getString('app.baseUrl');
        scaffolderActions.addActions(
          createEstimateAction(),
          createSynthAction(),
          createDeployAction({
            backend,
            catalog: new CatalogApiLookup({ discovery, auth }),
            auth,
            appBaseUrl,
          }),
          createDestroyAction({ backend, auth, appBaseUrl }),
        );
      },
    });
  },
});
