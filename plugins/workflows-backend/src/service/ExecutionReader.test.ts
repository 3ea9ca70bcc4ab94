import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { allow, deny, policyAccess, startedBy } from './__testUtils__/policy';
import {
  eventually,
  testRegistry,
  testTemporal,
  waitingExecutions,
} from './__testUtils__/temporal';
import { ExecutionReader } from './ExecutionReader';

// Against the real Temporal dev server (TEMPORAL_ADDRESS), with no worker:
// executions wait until the test terminates them.
//   alice   reads everything
//   tom     reads only what he started
//   mallory reads nothing
const ALICE = 'user:default/alice';
const TOM = 'user:default/tom';
const OLIVIA = 'user:default/olivia';
const MALLORY = 'user:default/mallory';
jest.setTimeout(30_000);

describe('ExecutionReader', () => {
  const temporal = testTemporal();
  const executions = waitingExecutions(temporal);
  const reader = new ExecutionReader({
    temporal,
    registry: testRegistry(),
    access: policyAccess((_permission, userRef) => {
      if (userRef === ALICE) return allow;
      return userRef === TOM ? startedBy(TOM) : deny;
    }),
  });
  const as = (userRef: string) => mockCredentials.user(userRef);
  const idPrefix = `reader-${randomUUID()}`;
  let toms: string[];
  let olivias: string;

  beforeAll(async () => {
    toms = [
      (await executions.start({ startedBy: TOM, idPrefix })).workflowId,
      (await executions.start({ startedBy: TOM, idPrefix })).workflowId,
    ];
    olivias = (await executions.start({ startedBy: OLIVIA, idPrefix }))
      .workflowId;
  });
  afterAll(async () => {
    await executions.closeAll();
    await temporal.close();
  });

  const list = (userRef: string, pageSize = 10, pageToken?: string) =>
    reader.list({
      credentials: as(userRef),
      filter: { idPrefix },
      pageSize,
      pageToken,
    });
  const ids = (items: Array<{ workflowId: string }>) =>
    items.map(i => i.workflowId).sort();

  it('lists the registered types to anyone who may read some executions', async () => {
    const types = await reader.listTypes({ credentials: as(TOM) });
    expect(types.map(t => t.name)).toContain('modelPromotion');
    await expect(
      reader.listTypes({ credentials: as(MALLORY) }),
    ).rejects.toThrow(NotAllowedError);
  });

  it('lists only the executions the caller may read', async () => {
    const all = await eventually(
      () => list(ALICE),
      page => page.items.length === 3,
    );
    expect(ids(all.items)).toEqual([...toms, olivias].sort());
    const mine = await list(TOM);
    expect(ids(mine.items)).toEqual([...toms].sort());
    expect(mine.items[0]).toMatchObject({
      type: 'modelPromotion',
      status: 'Running',
      startedBy: TOM,
    });
    await expect(list(MALLORY)).rejects.toThrow(NotAllowedError);
  });

  it('pages with a token of its own', async () => {
    await eventually(
      () => list(ALICE),
      page => page.items.length === 3,
    );
    const first = await list(ALICE, 2);
    expect(first.items).toHaveLength(2);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await list(ALICE, 2, first.nextPageToken);
    expect(ids([...first.items, ...second.items])).toEqual(
      [...toms, olivias].sort(),
    );
    expect(second.nextPageToken).toBeUndefined();
  });

  it('counts by status only what the caller may read', async () => {
    const counts = await eventually(
      () => reader.counts({ credentials: as(TOM), filter: { idPrefix } }),
      c => c.total === 2,
    );
    expect(counts).toEqual({ total: 2, byStatus: { Running: 2 } });
  });

  it("describes an execution with its input, its type's signals and how it ended", async () => {
    const workflowId = toms[0];
    const running = await reader.describe({ credentials: as(TOM), workflowId });
    expect(running).toMatchObject({
      workflowId,
      status: 'Running',
      input: { model: 'local-sentiment', toVersion: 'v2' },
    });
    expect(running.signals.map(s => s.name)).toEqual(
      expect.arrayContaining(['approve', 'reject']),
    );
    expect(running.failure).toBeUndefined();

    const { workflowId: endedId } = await executions.start({
      startedBy: TOM,
    });
    await temporal.getClient().workflow.getHandle(endedId).terminate('stuck');
    const ended = await reader.describe({
      credentials: as(TOM),
      workflowId: endedId,
    });
    expect(ended).toMatchObject({
      status: 'Terminated',
      failure: { message: 'stuck', type: 'Terminated' },
    });
  });

  it('refuses one execution to a caller who may not read it', async () => {
    await expect(
      reader.describe({ credentials: as(TOM), workflowId: olivias }),
    ).rejects.toThrow(`you may not use workflows.execution.read on ${olivias}`);
    await expect(
      reader.history({
        credentials: as(TOM),
        workflowId: olivias,
        pageSize: 10,
      }),
    ).rejects.toThrow(NotAllowedError);
  });

  it('pages through the history of an execution, event after event', async () => {
    const { workflowId } = await executions.start({ startedBy: TOM });
    await temporal.getClient().workflow.getHandle(workflowId).terminate('done');
    const eventIds: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      pages++;
      const page = await reader.history({
        credentials: as(TOM),
        workflowId,
        pageSize: 1,
        pageToken,
      });
      eventIds.push(...page.events.map(e => e.eventId));
      pageToken = page.nextPageToken;
    } while (pageToken);
    // Temporal pages by event batches: a page may hold more than pageSize
    expect(eventIds).toEqual(['1', '2', '3']);
    expect(pages).toBeGreaterThan(1);
  });

  it('refuses a query the type does not declare, naming those it does', async () => {
    const query = reader.query({
      credentials: as(TOM),
      workflowId: toms[0],
      name: 'secrets',
      args: [],
    });
    await expect(query).rejects.toThrow(InputError);
    await expect(query).rejects.toThrow(
      /modelPromotion has no query "secrets"; it has: \w+/,
    );
  });
});
