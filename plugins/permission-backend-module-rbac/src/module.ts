import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { USER_ADMIN_POLICY_CHANGED_TOPIC } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { RbacPolicy } from './policy/RbacPolicy';
import { SnapshotSource } from './policy/SnapshotSource';

/**
 * Installs the console's RBAC permission policy: roles from user-admin,
 * cached and dropped on every change.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
        policy: policyExtensionPoint,
      },
      async init({ config, logger, discovery, auth, events, policy }) {
        const admins =
          config.getOptionalStringArray('permission.rbac.admins') ?? [];
        const source = SnapshotSource.fromPlugin({
          discovery,
          auth,
          logger,
          ttlMs: config.getOptionalNumber('permission.rbac.cacheTtlMs'),
          maxStaleMs: config.getOptionalNumber('permission.rbac.maxStaleMs'),
        });
        await events.subscribe({
          id: 'permission-rbac-policy',
          topics: [USER_ADMIN_POLICY_CHANGED_TOPIC],
          onEvent: async () => source.invalidate(),
        });
        logger.info(
          `RBAC policy from user-admin roles; ${admins.length} break-glass admin(s)`,
        );
        policy.setPolicy(
          new RbacPolicy({
            admins,
            snapshot: () => source.get(),
            freshSnapshot: maxAgeMs => source.fresh(maxAgeMs),
            logger,
          }),
        );
      },
    });
  },
});
