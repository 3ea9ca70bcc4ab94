import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { PolicySnapshot } from '@ai-ops-console/backstage-plugin-user-admin-common';

/**
 * The roles snapshot from user-admin, cached. Dropped on the policy-changed
 * event, and checked against user-admin's cheap policy version when it is
 * older than `revalidateMs` (1 s), so a change is seen within a second even
 * if an event is lost; refetched after `ttlMs` at the latest. When user-admin
 * cannot be reached, the last snapshot keeps serving for `maxStaleMs` (30 s)
 * after it was last known current, like the session guard; past that, or
 * with none, decisions fail closed.
 */
export class SnapshotSource {
  private snapshot?: PolicySnapshot;
  private fetchedAt = 0;
  private stale = true;
  private inflight?: Promise<PolicySnapshot>;
  /**
   * Counts the changes the source was told of. A fetch started before the
   * latest one may have read the old state: callers after the change do not
   * join it, and its answer does not count as current.
   */
  private generation = 0;
  private inflightGeneration = -1;
  private snapshotGeneration = -1;
  private readonly ttlMs: number;
  private readonly revalidateMs: number;
  private readonly maxStaleMs: number;
  /** When the snapshot was last known current (fetched or version matched). */
  private checkedAt = 0;
  private checking?: Promise<void>;

  constructor(
    private readonly deps: {
      fetch: () => Promise<PolicySnapshot>;
      /** The current policy version; optional (tests, older user-admin). */
      version?: () => Promise<string>;
      logger: LoggerService;
      ttlMs?: number;
      revalidateMs?: number;
      maxStaleMs?: number;
      now?: () => number;
    },
  ) {
    this.ttlMs = deps.ttlMs ?? 30_000;
    this.revalidateMs = deps.revalidateMs ?? 1_000;
    this.maxStaleMs = deps.maxStaleMs ?? 30_000;
  }

  static fromPlugin(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    ttlMs?: number;
    maxStaleMs?: number;
  }) {
    return new SnapshotSource({
      logger: options.logger,
      ttlMs: options.ttlMs,
      maxStaleMs: options.maxStaleMs,
      fetch: () => get<PolicySnapshot>('/internal/policy-snapshot'),
      version: async () =>
        (await get<{ version: string }>('/internal/policy-version')).version,
    });

    async function get<T>(path: string): Promise<T> {
      const baseUrl = await options.discovery.getBaseUrl('user-admin');
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await options.auth.getOwnServiceCredentials(),
        targetPluginId: 'user-admin',
      });
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw new Error(`user-admin answered ${response.status} for ${path}`);
      }
      return (await response.json()) as T;
    }
  }

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  invalidate() {
    this.stale = true;
    this.generation += 1;
  }

  /** Marks the snapshot stale when user-admin's version moved on. */
  private revalidate(): Promise<void> {
    this.checking ??= (async () => {
      try {
        const version = await this.deps.version!();
        this.checkedAt = this.now();
        if (version !== this.snapshot?.version) this.invalidate();
      } catch (error) {
        this.deps.logger.warn(
          `could not check the roles version: ${(error as Error).message}`,
        );
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  /**
   * The snapshot, checked against user-admin's version unless that was done
   * in the last `maxAgeMs`: for a caller the snapshot does not know yet (a
   * user who just registered), whose decision must not wait for the next
   * regular check.
   */
  async fresh(maxAgeMs: number): Promise<PolicySnapshot> {
    if (
      this.snapshot &&
      !this.stale &&
      this.deps.version &&
      this.now() - this.checkedAt >= maxAgeMs
    ) {
      await this.revalidate();
    }
    return this.load();
  }

  /** The snapshot, checked against the version at most every `revalidateMs`. */
  get(): Promise<PolicySnapshot> {
    return this.fresh(this.revalidateMs);
  }

  /** The cached snapshot while current; otherwise one shared fetch. */
  private async load(): Promise<PolicySnapshot> {
    if (
      this.snapshot &&
      !this.stale &&
      this.now() - this.fetchedAt < this.ttlMs &&
      this.now() - this.checkedAt < this.maxStaleMs
    ) {
      return this.snapshot;
    }
    // stale until a fetch answers: callers meanwhile wait for it rather than
    // take the snapshot it replaces
    const generation = this.generation;
    if (this.inflight && this.inflightGeneration === generation) {
      return this.inflight;
    }
    const fetching: Promise<PolicySnapshot> = this.deps
      .fetch()
      .then(snapshot => {
        // an older fetch answering after a newer one must not replace it
        if (generation >= this.snapshotGeneration) {
          this.snapshot = snapshot;
          this.snapshotGeneration = generation;
          this.fetchedAt = this.now();
          this.checkedAt = this.fetchedAt;
          // current unless a change was announced while it was in flight
          this.stale = generation !== this.generation;
        }
        return snapshot;
      })
      .catch(error => {
        this.stale = true;
        const age = this.now() - this.checkedAt;
        if (this.snapshot && age < this.maxStaleMs) {
          this.deps.logger.warn(
            `using the last roles snapshot (${Math.round(age / 1000)} s old): ${
              (error as Error).message
            }`,
          );
          return this.snapshot;
        }
        throw error;
      })
      .finally(() => {
        if (this.inflight === fetching) this.inflight = undefined;
      });
    this.inflight = fetching;
    this.inflightGeneration = generation;
    return this.inflight;
  }
}
