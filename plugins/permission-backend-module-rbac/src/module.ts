import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { RbacPolicy } from './policy/RbacPolicy';

/**
 * Installs the console's RBAC permission policy.
 *
 * @public
 */
export const permissionModuleRbac = createBackendModule({
  pluginId: 'permission',
  moduleId: 'rbac',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        policy: policyExtensionPoint,
      },
      async init({ config, logger, policy }) {
        const admins =
          config.getOptionalStringArray('permission.rbac.admins') ?? [];
        logger.info(`RBAC policy installed with ${admins.length} admin(s)`);
        policy.setPolicy(new RbacPolicy({ admins }));
      },
    });
  },
});
