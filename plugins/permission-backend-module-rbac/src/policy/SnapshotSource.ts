import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { PolicySnapshot } from '@internal/backstage-plugin-user-admin-common';

/**
 * The roles snapshot from user-admin, cached. Dropped on the policy-changed
 * event (any replica's change reaches every replica through the events
 * backend) and after `ttlMs` at the latest. When user-admin cannot be
 * reached, the last snapshot keeps serving; with none, decisions fail closed.
 */
export class SnapshotSource {
  private snapshot?: PolicySnapshot;
  private fetchedAt = 0;
  private stale = true;
  private inflight?: Promise<PolicySnapshot>;
  private readonly ttlMs: number;

  constructor(
    private readonly deps: {
      fetch: () => Promise<PolicySnapshot>;
      logger: LoggerService;
      ttlMs?: number;
      now?: () => number;
    },
  ) {
    this.ttlMs = deps.ttlMs ?? 30_000;
  }

  static fromPlugin(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    ttlMs?: number;
  }) {
    return new SnapshotSource({
      logger: options.logger,
      ttlMs: options.ttlMs,
      fetch: async () => {
        const baseUrl = await options.discovery.getBaseUrl('user-admin');
        const { token } = await options.auth.getPluginRequestToken({
          onBehalfOf: await options.auth.getOwnServiceCredentials(),
          targetPluginId: 'user-admin',
        });
        const response = await fetch(`${baseUrl}/internal/policy-snapshot`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!response.ok) {
          throw new Error(`user-admin answered ${response.status}`);
        }
        return (await response.json()) as PolicySnapshot;
      },
    });
  }

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  invalidate() {
    this.stale = true;
  }

  async get(): Promise<PolicySnapshot> {
    if (
      this.snapshot &&
      !this.stale &&
      this.now() - this.fetchedAt < this.ttlMs
    ) {
      return this.snapshot;
    }
    this.stale = false;
    this.inflight ??= this.deps
      .fetch()
      .then(snapshot => {
        this.snapshot = snapshot;
        this.fetchedAt = this.now();
        return snapshot;
      })
      .catch(error => {
        this.stale = true;
        if (this.snapshot) {
          this.deps.logger.warn(
            `using the last roles snapshot: ${(error as Error).message}`,
          );
          return this.snapshot;
        }
        throw error;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}
