import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  PortalPermissionPolicy,
  readPolicyGroups,
} from './PortalPermissionPolicy';

/**
 * Installs the portal's permission policy (owner-based, four eyes on
 * approval; see PortalPermissionPolicy) in the permission backend.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(
          new PortalPermissionPolicy(readPolicyGroups(config), userInfo),
        );
      },
    });
  },
});
