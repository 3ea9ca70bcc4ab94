import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { AuditTrail, PermissionGate } from '@ai-ops-console/console-node';
import { auditStoreRecorder } from '../audit/auditStoreRecorder';
import { UserAdminStore } from '../database/UserAdminStore';
import { Caller } from '../service/callers';
import { createServices } from '../service/services';
import { UserAdminSettings } from '../service/settings';
import { storeDatabases } from './databases';

/** Settings as the defaults of the config give them, registration open. */
export const testSettings: UserAdminSettings = {
  registration: 'open',
  defaultRoles: ['viewer'],
  bootstrapAdmins: [],
  trustedEmailDomains: [],
  groupNamespace: 'default',
  tokenLifetimeMs: 3_600_000,
  permissionPlugins: [],
  retryAfterSeconds: 5,
};

/**
 * Every service of the plugin over one store, as plugin.ts builds them, with
 * the announcements recorded.
 */
export function servicesOver(options: {
  store: UserAdminStore;
  /** The permissions the services ask; the gate audits into `audit`. */
  permissions: PermissionsService;
  settings?: UserAdminSettings;
}) {
  const notifyPolicyChange = jest.fn(async () => {});
  const notifyRevocation = jest.fn(async () => {});
  const logger = mockServices.logger.mock();
  const auditor = mockServices.auditor.mock();
  const audit = new AuditTrail({
    auditor,
    recorder: auditStoreRecorder({ store: options.store.audit, logger }),
  });
  const gate = new PermissionGate({
    permissions: options.permissions,
    audit,
    logger,
  });
  return {
    gate,
    auditor,
    notifyPolicyChange,
    notifyRevocation,
    ...createServices({
      store: options.store,
      gate,
      settings: options.settings ?? testSettings,
      audit,
      notifyPolicyChange,
      notifyRevocation,
    }),
  };
}

/** A permission service that allows what was granted, to everyone. */
function grantedPermissions(granted: Set<string>): PermissionsService {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(({ permission }) => ({
        result: granted.has(permission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
  });
}

/**
 * For the unit tests of one service: every test of the calling block gets
 * the services on a fresh SQLite store with the built-in roles, and
 * permissions refused until granted.
 */
export function freshServicesEach() {
  const store = storeDatabases(['SQLITE_3']).freshStoreEach('SQLITE_3');
  const granted = new Set<string>();
  const answering = grantedPermissions(granted);
  const harness = {
    store,
    /** Lets every caller use these permissions, until the test ends. */
    grant(...permissions: BasicPermission[]) {
      for (const p of permissions) granted.add(p.name);
    },
    /** A call made by this user. */
    as(userRef: string): Caller {
      return { credentials: mockCredentials.user(userRef) };
    },
  } as ReturnType<typeof servicesOver> & {
    store: UserAdminStore;
    grant(...permissions: BasicPermission[]): void;
    as(userRef: string): Caller;
  };
  beforeEach(async () => {
    granted.clear();
    Object.assign(harness, servicesOver({ store, permissions: answering }));
    await harness.roles.ensureBuiltInRoles();
  });
  return harness;
}
