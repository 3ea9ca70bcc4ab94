import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** What the guard reads of a user token. */
export type TokenClaims = { sub: string; sid?: string; iat?: number };

/** Something the guard ends when the session behind it is refused. */
export type Closable = {
  destroy(): void;
  once(event: 'close', fn: () => void): unknown;
};

export type RevocationSnapshot = {
  revokedSessions: string[];
  revokedBefore: Record<string, number>;
  inactiveUsers: string[];
};

export type SessionActivity = {
  sessionId: string;
  at: number;
  userAgent?: string;
  ipAddress?: string;
};

/** How the guard reaches user-admin: provided by any plugin's httpAuth. */
export type SessionGuardTransport = {
  fetchState(): Promise<RevocationSnapshot>;
  pushActivity(items: SessionActivity[]): Promise<void>;
};

export type SessionGuardOptions = {
  logger: LoggerService;
  /** How often the revocation state is read from user-admin. @default 500 */
  pollMs?: number;
  /** Past this age without a successful read, user tokens are refused with 503. @default 30000 */
  staleAfterMs?: number;
  now?: () => number;
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * One per process: keeps the revocation state of user-admin (revoked
 * sessions, users logged out everywhere, disabled users) fresh by polling,
 * and refuses the tokens it covers. Every plugin's httpAuth consults it, so
 * a revocation reaches every plugin on every replica within one poll.
 */
export class SessionGuard {
  private readonly logger: LoggerService;
  private readonly pollMs: number;
  private readonly staleAfterMs: number;
  private readonly now: () => number;
  private transport?: SessionGuardTransport;
  private state?: {
    revokedSessions: Set<string>;
    revokedBefore: Map<string, number>;
    inactiveUsers: Set<string>;
  };
  private loadedAt = 0;
  private inflight?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private activity = new Map<string, SessionActivity>();
  private readonly open = new Map<Closable, TokenClaims[]>();

  constructor(options: SessionGuardOptions) {
    this.logger = options.logger;
    this.pollMs = options.pollMs ?? 500;
    this.staleAfterMs = options.staleAfterMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The first plugin to offer a transport is used; polling starts then.
   * True for that first one, which connects the guard for the process.
   */
  setTransport(transport: SessionGuardTransport): boolean {
    if (this.transport) return false;
    this.transport = transport;
    this.timer = setInterval(() => {
      this.refresh().catch(() => undefined);
    }, this.pollMs);
    this.timer.unref?.();
    return true;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    for (const connection of this.open.keys()) connection.destroy();
    this.open.clear();
  }

  /** Reads the state now (shared by concurrent callers) and flushes activity. */
  refresh(): Promise<void> {
    if (!this.transport) return Promise.resolve();
    this.inflight ??= (async () => {
      try {
        const snapshot = await this.transport!.fetchState();
        this.state = {
          revokedSessions: new Set(snapshot.revokedSessions),
          revokedBefore: new Map(
            Object.entries(snapshot.revokedBefore).map(([k, v]) => [
              lower(k),
              v,
            ]),
          ),
          inactiveUsers: new Set(snapshot.inactiveUsers.map(lower)),
        };
        this.loadedAt = this.now();
        this.closeRefused();
        if (this.activity.size > 0) {
          const items = [...this.activity.values()];
          this.activity.clear();
          await this.transport!.pushActivity(items).catch(error =>
            this.logger.debug(
              `could not record session activity: ${error.message}`,
            ),
          );
        }
      } catch (error) {
        this.logger.warn(
          `could not read the revocation state from user-admin: ${
            (error as Error).message
          }`,
        );
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }

  /**
   * Reads the state anew after a change was announced: a read already in
   * flight may have started before the change, so it does not count.
   */
  async refreshAfterChange(): Promise<void> {
    await this.inflight;
    await this.refresh();
  }

  /** Throws 401 for a revoked token, 503 when the state cannot be known. */
  async check(claims: TokenClaims): Promise<void> {
    if (!this.transport) return; // no user-admin in this backend: nothing to enforce
    if (this.now() - this.loadedAt > this.staleAfterMs) {
      await this.refresh();
      if (this.now() - this.loadedAt > this.staleAfterMs) {
        throw new ServiceUnavailableError(
          'sessions cannot be verified right now (user-admin unreachable); try again shortly',
        );
      }
    }
    const reason = this.refusal(claims);
    if (reason) throw new AuthenticationError(reason);
  }

  /** Why the current state refuses these claims, if it does. */
  private refusal(claims: TokenClaims): string | undefined {
    const state = this.state;
    if (!state) return undefined;
    const user = lower(claims.sub);
    if (state.inactiveUsers.has(user)) {
      return 'your account is disabled or not approved: ask an admin';
    }
    const before = state.revokedBefore.get(user);
    const sessionRevoked =
      !!claims.sid && state.revokedSessions.has(claims.sid);
    // Logging out everywhere revokes every console session of the user, so
    // a token of a console session is judged by its session: `iat` has
    // second precision, and a sign-in in the second of the revocation would
    // otherwise be refused. Tokens without a console session (guest,
    // GitHub) are refused when issued before the revocation.
    if (
      before !== undefined &&
      (claims.iat ?? 0) * 1000 <= before &&
      (!claims.sid || sessionRevoked)
    ) {
      return 'your sessions were ended (logged out everywhere): sign in again';
    }
    if (sessionRevoked) {
      return 'this session was revoked: sign in again';
    }
    return undefined;
  }

  /**
   * Keeps a connection opened with these claims (a WebSocket) and ends it as
   * soon as the state refuses any of them: a revoked session stops receiving
   * within one poll.
   */
  watch(connection: Closable, claims: TokenClaims[]) {
    if (claims.length === 0) return;
    this.open.set(connection, claims);
    connection.once('close', () => this.open.delete(connection));
  }

  /** How many watched connections are open (for tests and metrics). */
  get watchedConnections() {
    return this.open.size;
  }

  private closeRefused() {
    for (const [connection, claims] of this.open) {
      if (claims.some(c => this.refusal(c))) {
        this.open.delete(connection);
        connection.destroy();
      }
    }
  }

  /** Remembers when a session was last seen; sent with the next poll. */
  recordActivity(activity: SessionActivity) {
    const known = this.activity.get(activity.sessionId);
    if (!known || known.at < activity.at) {
      this.activity.set(activity.sessionId, {
        ...activity,
        userAgent: activity.userAgent ?? known?.userAgent,
        ipAddress: activity.ipAddress ?? known?.ipAddress,
      });
    }
  }
}

/** The process-wide session guard. */
export const sessionGuardServiceRef = createServiceRef<SessionGuard>({
  id: 'ai-ops-console.session-guard',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      factory({ config, logger, lifecycle }) {
        const guard = new SessionGuard({
          logger: logger.child({ service: 'session-guard' }),
          pollMs: config.getOptionalNumber('userAdmin.sessionGuard.pollMs'),
          staleAfterMs: config.getOptionalNumber(
            'userAdmin.sessionGuard.staleAfterMs',
          ),
        });
        lifecycle.addShutdownHook(() => guard.stop());
        return guard;
      },
    }),
});
