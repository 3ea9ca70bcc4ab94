import { NotFoundError } from '@backstage/errors';
import {
  sessionReadPermission,
  sessionRevokePermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { SessionStore } from '../database/UserAdminStore';
import {
  actorOf,
  AuditEvent,
  AuditTrail,
  PermissionGate,
} from '@ai-ops-console/console-node';
import { Caller, userRefOf } from './callers';
import { UserAdminSettings } from './settings';
import { lower, sameRef } from './userRefs';

/**
 * Console sessions: who may list and revoke them (anyone their own, admins
 * everyone's), the activity the session guards report, and the revocations
 * they enforce.
 */
export class SessionService {
  constructor(
    private readonly deps: {
      store: SessionStore;
      gate: PermissionGate;
      audit: AuditTrail;
      settings: Pick<UserAdminSettings, 'tokenLifetimeMs'>;
      /** Tells every process's session guard that sessions were revoked. */
      notifyRevocation?: () => Promise<void>;
    },
  ) {}

  private get store() {
    return this.deps.store;
  }

  async listSessions(
    caller: Caller,
    options: {
      userRef?: string;
      activeOnly?: boolean;
      limit: number;
      offset: number;
    },
  ) {
    const own = userRefOf(caller.credentials);
    const onlyOwn =
      options.userRef !== undefined &&
      own !== undefined &&
      sameRef(options.userRef, own);
    if (!onlyOwn) {
      await this.deps.gate.require(caller.credentials, sessionReadPermission);
    }
    return this.store.listSessions(options);
  }

  async revokeSession(caller: Caller, id: string, reason?: string) {
    const session = await this.store.getSession({ id });
    if (!session) throw new NotFoundError(`no session with id ${id}`);
    return this.revoking(
      caller,
      session.userRef,
      {
        eventId: 'session-revoke',
        resourceRef: session.userRef,
        details: { session: id, ...(reason ? { reason } : {}) },
      },
      async actor => {
        const {
          sessionKey: _k,
          authTime: _a,
          ...revoked
        } = await this.store.revokeSession({ id, by: actor, reason });
        return revoked;
      },
    );
  }

  /** "Log out everywhere": every session and every token of the user. */
  async revokeAll(caller: Caller, userRef: string, reason?: string) {
    return this.revoking(
      caller,
      userRef,
      {
        eventId: 'session-revoke-all',
        resourceRef: lower(userRef),
        details: reason ? { reason } : undefined,
      },
      async actor => ({
        revoked: await this.store.revokeUser({ userRef, by: actor, reason }),
      }),
    );
  }

  /**
   * Anyone may end their own sessions, others' need session.revoke; the
   * revocation is audited and announced to every session guard.
   */
  private async revoking<T>(
    caller: Caller,
    userRef: string,
    entry: Pick<AuditEvent, 'eventId' | 'resourceRef' | 'details'>,
    revoke: (actor: string) => Promise<T>,
  ): Promise<T> {
    const actor = actorOf(caller.credentials);
    if (!sameRef(userRef, actor)) {
      await this.deps.gate.require(caller.credentials, sessionRevokePermission);
    }
    return this.deps.audit.run(
      {
        ...entry,
        credentials: caller.credentials,
        permission: sessionRevokePermission,
        request: caller.request,
      },
      async () => {
        const result = await revoke(actor);
        await this.deps.notifyRevocation?.();
        return result;
      },
    );
  }

  async recordActivity(
    items: Array<{
      sessionId: string;
      at: number;
      userAgent?: string;
      ipAddress?: string;
    }>,
  ) {
    for (const item of items) {
      await this.store.touchSession({
        id: item.sessionId,
        at: Math.min(item.at, Date.now()),
        userAgent: item.userAgent,
        ipAddress: item.ipAddress,
      });
    }
  }

  revocationState() {
    return this.store.revocationState({
      since: Date.now() - this.deps.settings.tokenLifetimeMs - 60_000,
    });
  }
}
