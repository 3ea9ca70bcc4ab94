import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  USER_ADMIN_POLICY_CHANGED_TOPIC,
  userAdminPermissions,
} from '@internal/backstage-plugin-user-admin-common';
import { KnexUserAdminStore } from './database/KnexUserAdminStore';
import { AuditLog } from './service/AuditLog';
import { DatabaseHealth } from '@internal/console-node';
import { Guard } from './service/Guard';
import { PolicyTester } from './service/PolicyTester';
import { createRouter } from './service/router';
import { readUserAdminSettings } from './service/settings';
import { SignInService } from './service/SignInService';
import { UserAdminService } from './service/UserAdminService';

/**
 * The user-admin backend plugin: users, registration, sessions, roles and audit.
 *
 * @public
 */
export const userAdminPlugin = createBackendPlugin({
  pluginId: 'user-admin',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        deps.permissionsRegistry.addPermissions(userAdminPermissions);
        const store = await KnexUserAdminStore.create({
          database: deps.database,
        });
        const guard = new Guard(deps.permissions);
        const settings = readUserAdminSettings(config);
        const audit = new AuditLog({ auditor: deps.auditor, store, logger });
        const notifyPolicyChange = () =>
          deps.events
            .publish({
              topic: USER_ADMIN_POLICY_CHANGED_TOPIC,
              eventPayload: { at: new Date().toISOString() },
            })
            .catch(error =>
              logger.warn(
                `could not announce a policy change: ${error.message}`,
              ),
            );
        const service = new UserAdminService({
          store,
          guard,
          audit,
          settings,
          logger,
          notifyPolicyChange,
        });
        const signIn = new SignInService({
          store,
          audit,
          settings,
          notifyPolicyChange,
        });
        await service.ensureBuiltInRoles();
        const tester = new PolicyTester({
          discovery: deps.discovery,
          auth: deps.auth,
          logger,
          plugins: settings.permissionPlugins.filter(p => p !== 'user-admin'),
          localPermissions: userAdminPermissions,
        });
        const db = await deps.database.getClient();
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            database: new DatabaseHealth({ db }),
            service,
            signIn,
            tester,
            guard,
            retryAfterSeconds: settings.retryAfterSeconds,
          }),
        );
      },
    });
  },
});
