import { GroupCommit } from './GroupCommit';

/** A write that the test finishes by hand. */
function controlledWrites() {
  const calls: Array<{
    requests: number[];
    finish: () => void;
    fail: (error: Error) => void;
  }> = [];
  const write = (requests: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({
        requests,
        finish: () => resolve(requests.map(r => `done ${r}`)),
        fail: reject,
      });
    });
  return { calls, write };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('GroupCommit', () => {
  it('starts a lone request at once and groups the ones that wait', async () => {
    const { calls, write } = controlledWrites();
    const commit = new GroupCommit({
      maxRunning: 1,
      maxGroupWeight: 10,
      weigh: () => 1,
      write,
    });
    const first = commit.submit(1);
    await tick();
    expect(calls.map(c => c.requests)).toEqual([[1]]);
    const waiting = [commit.submit(2), commit.submit(3), commit.submit(4)];
    await tick();
    expect(calls).toHaveLength(1);

    calls[0].finish();
    await expect(first).resolves.toBe('done 1');
    await tick();
    expect(calls.map(c => c.requests)).toEqual([[1], [2, 3, 4]]);
    calls[1].finish();
    await expect(Promise.all(waiting)).resolves.toEqual([
      'done 2',
      'done 3',
      'done 4',
    ]);
  });

  it('runs up to maxRunning groups and bounds a group by weight', async () => {
    const { calls, write } = controlledWrites();
    const commit = new GroupCommit({
      maxRunning: 2,
      maxGroupWeight: 5,
      weigh: (n: number) => n,
      write,
    });
    const results = [9, 1, 2, 2, 2, 1].map(n => commit.submit(n));
    await tick();
    // both start alone: a request is never held back while a writer is free
    expect(calls.map(c => c.requests)).toEqual([[9], [1]]);
    calls[1].finish();
    await tick();
    // the waiting ones go by weight: 2 + 2, not a third 2
    expect(calls.map(c => c.requests)).toEqual([[9], [1], [2, 2]]);
    calls[0].finish();
    await tick();
    expect(calls.map(c => c.requests)).toEqual([[9], [1], [2, 2], [2, 1]]);
    calls[2].finish();
    calls[3].finish();
    await expect(Promise.all(results)).resolves.toHaveLength(6);
  });

  it('writes a failed group again request by request, so only the bad one fails', async () => {
    const write = jest.fn(async (requests: number[]) => {
      if (requests.includes(13)) {
        throw new Error('refused 13');
      }
      return requests.map(r => r * 2);
    });
    const commit = new GroupCommit({
      maxRunning: 1,
      maxGroupWeight: 10,
      weigh: () => 1,
      write,
    });
    const lone = commit.submit(1);
    const grouped = [commit.submit(2), commit.submit(13), commit.submit(4)];
    await expect(lone).resolves.toBe(2);
    const settled = await Promise.allSettled(grouped);
    expect(
      settled.map(s => (s.status === 'fulfilled' ? s.value : 'x')),
    ).toEqual([4, 'x', 8]);
    expect(settled[1]).toMatchObject({
      status: 'rejected',
      reason: new Error('refused 13'),
    });
    expect(write.mock.calls.map(([requests]) => requests)).toEqual([
      [1],
      [2, 13, 4],
      [2],
      [13],
      [4],
    ]);
  });
});
