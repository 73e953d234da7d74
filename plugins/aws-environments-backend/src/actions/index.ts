import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ActionServices } from './context';
import { registerEstimate } from './estimate';
import { registerGetView } from './getView';
import { registerListEnvironments } from './listEnvironments';
import { registerPreview } from './preview';
import { registerRequestDeployment } from './requestDeployment';

export type { ActionServices } from './context';

/**
 * Registers the plugin's actions in the actions registry, from where the
 * MCP actions backend serves them to AI agents (with
 * `backend.actions.pluginSources` listing `aws-environments`). Each action
 * is judged as the calling user and audited.
 */
export function registerEnvironmentActions(
  actionsRegistry: ActionsRegistryService,
  services: ActionServices,
) {
  registerListEnvironments(actionsRegistry, services);
  registerGetView(actionsRegistry, services);
  registerEstimate(actionsRegistry, services);
  registerPreview(actionsRegistry, services);
  registerRequestDeployment(actionsRegistry, services);
}
