import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createOutputsAction } from '../../actions/outputs';
import { FakeAwsEnvironmentsBackend } from '../../testUtils/FakeAwsEnvironmentsBackend';
import {
  deployedEnvironment,
  environmentEntitiesOf,
} from '../../testUtils/deployedEnvironment';
import { TEST_ENVIRONMENT } from './values';

/**
 * A scaffolder module with the real `aws-environments:outputs` action on a
 * fake aws-environments backend that has {@link TEST_ENVIRONMENT} deployed
 * (outputs in AWS's formats, its catalog entities). `backend` is the fake,
 * to check who read what.
 */
export function awsEnvironmentsTestModule() {
  const backend = new FakeAwsEnvironmentsBackend();
  backend.environments.set(
    TEST_ENVIRONMENT,
    deployedEnvironment(TEST_ENVIRONMENT),
  );
  backend.entities.set(
    TEST_ENVIRONMENT,
    environmentEntitiesOf(TEST_ENVIRONMENT),
  );
  const feature = createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'aws-environments-outputs-test',
    register({ registerInit }) {
      registerInit({
        deps: { actions: scaffolderActionsExtensionPoint },
        async init({ actions }) {
          actions.addActions(createOutputsAction({ backend }));
        },
      });
    },
  });
  return { backend, feature };
}
