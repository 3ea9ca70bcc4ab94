import { mockServices } from '@backstage/backend-test-utils';
import { SnapshotSource } from './SnapshotSource';

describe('SnapshotSource', () => {
  it('caches, refetches after invalidation or TTL, and serves the last snapshot when the fetch fails', async () => {
    let now = 0;
    let version = 0;
    let failing = false;
    const fetch = jest.fn(async () => {
      if (failing) throw new Error('down');
      version += 1;
      return { version: String(version), roles: [], inactiveUsers: [] };
    });
    const source = new SnapshotSource({
      fetch,
      logger: mockServices.logger.mock(),
      ttlMs: 1000,
      now: () => now,
    });
    expect((await source.get()).version).toBe('1');
    expect((await source.get()).version).toBe('1');
    source.invalidate();
    expect((await source.get()).version).toBe('2');
    now = 1500;
    expect((await source.get()).version).toBe('3');
    failing = true;
    source.invalidate();
    expect((await source.get()).version).toBe('3');
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('shares one fetch between concurrent callers and fails when it never had a snapshot', async () => {
    const fetch = jest.fn(async () => ({
      version: 'a',
      roles: [],
      inactiveUsers: [],
    }));
    const source = new SnapshotSource({
      fetch,
      logger: mockServices.logger.mock(),
    });
    await Promise.all([source.get(), source.get(), source.get()]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const broken = new SnapshotSource({
      fetch: async () => {
        throw new Error('no user-admin');
      },
      logger: mockServices.logger.mock(),
    });
    await expect(broken.get()).rejects.toThrow('no user-admin');
  });
});

describe('SnapshotSource and a change during a fetch', () => {
  it('does not keep a snapshot read before a change it was told of', async () => {
    // user-admin's state, and fetches that answer when the test says so:
    // the first one reads the state before the change and answers after it
    let state = 'before';
    const answers: Array<() => void> = [];
    const fetch = jest.fn(() => {
      const read = state;
      return new Promise<{
        version: string;
        roles: [];
        inactiveUsers: [];
      }>(resolve =>
        answers.push(() =>
          resolve({ version: read, roles: [], inactiveUsers: [] }),
        ),
      );
    });
    const source = new SnapshotSource({
      fetch,
      logger: mockServices.logger.mock(),
      ttlMs: 60_000,
      revalidateMs: 60_000,
      now: () => 0,
    });
    const first = source.get();
    // the change lands and its event arrives while that fetch is in flight
    state = 'after';
    source.invalidate();
    const second = source.get();
    answers.shift()!();
    expect((await first).version).toBe('before');
    // the caller after the event must not get the state from before it
    const seenBySecond = second.then(s => s.version);
    await Promise.resolve();
    answers.shift()?.();
    expect(await seenBySecond).toBe('after');
    const third = source.get();
    answers.shift()?.();
    expect((await third).version).toBe('after');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('SnapshotSource version checks', () => {
  it('refetches when user-admin reports another version, even without an event', async () => {
    let now = 0;
    let current = 'v1';
    const fetch = jest.fn(async () => ({
      version: current,
      roles: [],
      inactiveUsers: [],
    }));
    const version = jest.fn(async () => current);
    const source = new SnapshotSource({
      fetch,
      version,
      logger: mockServices.logger.mock(),
      ttlMs: 60_000,
      revalidateMs: 1000,
      now: () => now,
    });
    expect((await source.get()).version).toBe('v1');
    now = 500; // fresh: neither a check nor a fetch
    await source.get();
    expect(version).not.toHaveBeenCalled();
    now = 1500; // due for a check, unchanged: no fetch
    expect((await source.get()).version).toBe('v1');
    expect(version).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    current = 'v2'; // a change whose event was lost
    now = 3000;
    expect((await source.get()).version).toBe('v2');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('stops serving the last snapshot once user-admin has been unreachable past maxStaleMs', async () => {
    let now = 0;
    let failing = false;
    const source = new SnapshotSource({
      fetch: async () => {
        if (failing) throw new Error('user-admin unreachable');
        return { version: 'v1', roles: [], inactiveUsers: [] };
      },
      version: async () => {
        if (failing) throw new Error('user-admin unreachable');
        return 'v1';
      },
      logger: mockServices.logger.mock(),
      ttlMs: 600_000,
      maxStaleMs: 30_000,
      now: () => now,
    });
    expect((await source.get()).version).toBe('v1');
    now = 20_000; // a successful version check confirms the snapshot
    expect((await source.get()).version).toBe('v1');
    failing = true;
    now = 49_000; // 29 s after it was last known current
    expect((await source.get()).version).toBe('v1');
    now = 51_000;
    await expect(source.get()).rejects.toThrow(/unreachable/);
  });
});
