import { PolicySnapshot } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { UserAdminStore } from '../database/UserAdminStore';

/**
 * What the permission policy decides from: the roles and the users whose
 * every token is refused, with a version cheap enough to check per request.
 */
export class PolicyService {
  constructor(
    private readonly deps: {
      store: Pick<UserAdminStore, 'roles' | 'sessions'>;
    },
  ) {}

  private get store() {
    return this.deps.store;
  }

  async snapshot(): Promise<PolicySnapshot> {
    // the version first: a change racing with the reads makes the next
    // version check fetch again, never the reverse
    const version = await this.store.roles.policyVersion();
    const [roles, revocations] = await Promise.all([
      this.store.roles.listRoles(),
      this.store.sessions.revocationState({ since: Date.now() }),
    ]);
    return { version, roles, inactiveUsers: revocations.inactiveUsers };
  }

  /** Cheap: lets the policy's cache tell whether its snapshot is current. */
  version(): Promise<string> {
    return this.store.roles.policyVersion();
  }
}
