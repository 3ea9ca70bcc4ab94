import { AuditTrail, PermissionGate } from '@ai-ops-console/console-node';
import { UserAdminStore } from '../database/UserAdminStore';
import { AuditReader } from './AuditReader';
import { PolicyService } from './PolicyService';
import { RoleService } from './RoleService';
import { SessionService } from './SessionService';
import { UserAdminSettings } from './settings';
import { PolicyChangeNotifier, SignInService } from './SignInService';
import { UserService } from './UserService';

/** The services of the plugin, one per concern, each over its part of the store. */
export type UserAdminServices = ReturnType<typeof createServices>;

/**
 * Builds every service over one store and one audit log. Each service gets
 * only the parts of the store it uses, and the announcement that follows
 * its changes: policy changes for users and roles, revocations for sessions.
 */
export function createServices(options: {
  store: UserAdminStore;
  gate: PermissionGate;
  audit: AuditTrail;
  settings: UserAdminSettings;
  notifyPolicyChange: PolicyChangeNotifier;
  /** Tells every process's session guard that sessions were revoked. */
  notifyRevocation: () => Promise<void>;
}) {
  const { store, gate, audit, settings } = options;
  const { notifyPolicyChange, notifyRevocation } = options;
  return {
    users: new UserService({
      store,
      gate,
      audit,
      settings,
      notifyPolicyChange,
    }),
    sessions: new SessionService({
      store: store.sessions,
      gate,
      audit,
      settings,
      notifyRevocation,
    }),
    roles: new RoleService({
      store: store.roles,
      gate,
      audit,
      notifyPolicyChange,
    }),
    policy: new PolicyService({ store }),
    auditReader: new AuditReader({ store: store.audit, gate }),
    signIn: new SignInService({
      store,
      audit,
      settings,
      notifyPolicyChange,
      notifyRevocation,
    }),
  };
}
