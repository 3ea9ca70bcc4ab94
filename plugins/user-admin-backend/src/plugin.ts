import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  USER_ADMIN_POLICY_CHANGED_TOPIC,
  USER_ADMIN_SESSIONS_REVOKED_TOPIC,
  userAdminPermissions,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  CONSOLE_AUDIT_TOPIC,
  ForwardedAuditEvent,
} from './audit/consoleAuditor';
import { KnexUserAdminStore } from './database/KnexUserAdminStore';
import {
  AuditTrail,
  DatabaseHealth,
  PermissionGate,
} from '@ai-ops-console/console-node';
import { auditStoreRecorder } from './audit/auditStoreRecorder';
import { PolicyTester } from './service/PolicyTester';
import { createRouter } from './service/router';
import { createServices } from './service/services';
import { readUserAdminSettings } from './service/settings';

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
        const settings = readUserAdminSettings(config);
        // user-admin keeps its own events in its audit log directly; other
        // plugins' come over the events bus below
        const audit = new AuditTrail({
          auditor: deps.auditor,
          recorder: auditStoreRecorder({ store: store.audit, logger }),
        });
        const gate = new PermissionGate({
          permissions: deps.permissions,
          audit,
          logger,
        });
        // every plugin's audit events (consoleAuditorServiceFactory), from
        // whichever replica or worker, land in the one audit log
        await deps.events.subscribe({
          id: 'user-admin-audit',
          topics: [CONSOLE_AUDIT_TOPIC],
          onEvent: async ({ eventPayload }) => {
            const event = eventPayload as ForwardedAuditEvent;
            await store.audit
              .appendAudit({
                actor: event.actor,
                action: `${event.plugin}.${event.eventId}`,
                target: event.target,
                outcome: event.outcome,
                at: event.at,
                details: { ...event.details, severity: event.severityLevel },
              })
              .catch(error =>
                logger.error(
                  `could not store an audit event: ${error.message}`,
                ),
              );
          },
        });
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
        const notifyRevocation = () =>
          deps.events
            .publish({
              topic: USER_ADMIN_SESSIONS_REVOKED_TOPIC,
              eventPayload: { at: new Date().toISOString() },
            })
            .catch(error =>
              logger.warn(`could not announce a revocation: ${error.message}`),
            );
        const services = createServices({
          store,
          gate,
          audit,
          settings,
          notifyPolicyChange,
          notifyRevocation,
        });
        await services.roles.ensureBuiltInRoles();
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
            database: new DatabaseHealth({ db, logger }),
            logger,
            ...services,
            tester,
            gate,
            retryAfterSeconds: settings.retryAfterSeconds,
          }),
        );
      },
    });
  },
});
