import { fakeApi, responseError, summary } from '../__testUtils__/fakes';
import { createExecutionsStore, StatusChange } from './executionsStore';

/** A promise the test settles by hand, so nothing depends on timing. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const running = summary({ workflowId: 'w1', status: 'Running' });
const other = summary({ workflowId: 'w2', status: 'Running' });

function setup(items = [running, other], nextPageToken?: string) {
  const api = fakeApi({
    listExecutions: async () => ({ items, nextPageToken }),
    countExecutions: async () => ({ total: 2, byStatus: { Running: 2 } }),
  });
  const store = createExecutionsStore({ api, pageSize: 2 });
  return { api, store };
}

describe('createExecutionsStore', () => {
  it('loads the first page and the counts without the status filter', async () => {
    const { api, store } = setup();
    await store
      .getState()
      .load({ status: ['Running'], type: ['batchInference'] });
    expect(store.getState().ids).toEqual(['w1', 'w2']);
    expect(store.getState().listState).toBe('ready');
    expect(api.listExecutions).toHaveBeenCalledWith({
      filter: { status: ['Running'], type: ['batchInference'] },
      pageSize: 2,
    });
    expect(api.countExecutions).toHaveBeenCalledWith({
      filter: { type: ['batchInference'] },
    });
    expect(store.getState().counts).toEqual({
      total: 2,
      byStatus: { Running: 2 },
    });
  });

  it('appends the next page, skipping workflow ids it already has', async () => {
    const { api, store } = setup([running], 'p2');
    await store.getState().load({});
    api.listExecutions.mockResolvedValueOnce({
      items: [summary({ workflowId: 'w1', runId: 'older' }), other],
    });
    await store.getState().loadMore();
    expect(api.listExecutions).toHaveBeenLastCalledWith({
      filter: {},
      pageSize: 2,
      pageToken: 'p2',
    });
    expect(store.getState().ids).toEqual(['w1', 'w2']);
    expect(store.getState().rows.w1.runId).toBe('run-w1');
    expect(store.getState().nextPageToken).toBeUndefined();
  });

  it('replaces only the changed row on a pushed change and moves its count', async () => {
    const { api, store } = setup();
    await store.getState().load({});
    const before = store.getState();
    api.getExecution.mockResolvedValueOnce({
      ...running,
      status: 'Completed',
      closeTime: '2026-01-10T11:00:00.000Z',
      input: { big: 'x' },
      pendingActivities: [],
      queries: [],
      signals: [],
    });
    await store.getState().applyChange({ workflowId: 'w1' });
    const after = store.getState();
    expect(after.rows.w1.status).toBe('Completed');
    expect(after.rows.w1).not.toHaveProperty('input');
    expect(after.rows.w2).toBe(before.rows.w2);
    expect(after.ids).toBe(before.ids);
    expect(after.counts?.byStatus).toEqual({ Running: 1, Completed: 1 });
    expect(api.listExecutions).toHaveBeenCalledTimes(1);
  });

  it('drops a row that no longer matches the filter', async () => {
    const { api, store } = setup();
    await store.getState().load({ status: ['Running'] });
    api.getExecution.mockResolvedValueOnce({
      ...running,
      status: 'Failed',
      pendingActivities: [],
      queries: [],
      signals: [],
    });
    await store.getState().applyChange({ workflowId: 'w1' });
    expect(store.getState().ids).toEqual(['w2']);
    expect(store.getState().rows.w1).toBeUndefined();
  });

  it('adds a new matching execution and asks for the counts again', async () => {
    const { api, store } = setup();
    await store.getState().load({});
    api.getExecution.mockResolvedValueOnce({
      ...summary({ workflowId: 'w3' }),
      pendingActivities: [],
      queries: [],
      signals: [],
    });
    api.countExecutions.mockResolvedValueOnce({
      total: 3,
      byStatus: { Running: 3 },
    });
    await store.getState().applyChange({ workflowId: 'w3' });
    expect(store.getState().ids).toEqual(['w3', 'w1', 'w2']);
    expect(api.countExecutions).toHaveBeenCalledTimes(2);
    expect(store.getState().counts?.total).toBe(3);
  });

  it('ignores changes of executions the reader may not see or that are gone', async () => {
    const { api, store } = setup();
    await store.getState().load({});
    const before = store.getState();
    api.getExecution.mockRejectedValueOnce(await responseError(403, 'denied'));
    await store.getState().applyChange({ workflowId: 'secret' });
    api.getExecution.mockRejectedValueOnce(await responseError(404, 'gone'));
    await store.getState().applyChange({ workflowId: 'w1' });
    expect(store.getState().rows).toBe(before.rows);
    expect(store.getState().liveError).toBeUndefined();
  });

  it('fetches an execution once at a time, once more for changes during a fetch', async () => {
    const { api, store } = setup();
    await store.getState().load({});
    const first = deferred<any>();
    const second = deferred<any>();
    api.getExecution
      .mockReturnValueOnce(first.promise)
      .mockReturnValueOnce(second.promise);
    const a = store.getState().applyChange({ workflowId: 'w1' });
    void store.getState().applyChange({ workflowId: 'w1' });
    void store.getState().applyChange({ workflowId: 'w1' });
    expect(api.getExecution).toHaveBeenCalledTimes(1);
    first.resolve({
      ...running,
      status: 'Running',
      historyLength: 5,
      pendingActivities: [],
      queries: [],
      signals: [],
    });
    second.resolve({
      ...running,
      status: 'Completed',
      pendingActivities: [],
      queries: [],
      signals: [],
    });
    await a;
    expect(api.getExecution).toHaveBeenCalledTimes(2);
    expect(store.getState().rows.w1.status).toBe('Completed');
  });

  it('drops answers for a filter that has been replaced', async () => {
    const { api, store } = setup();
    const slow = deferred<any>();
    api.listExecutions.mockReturnValueOnce(slow.promise);
    const firstLoad = store.getState().load({ type: ['old'] });
    const secondLoad = store.getState().load({ type: ['new'] });
    slow.resolve({ items: [summary({ workflowId: 'stale' })] });
    await Promise.all([firstLoad, secondLoad]);
    expect(store.getState().ids).toEqual(['w1', 'w2']);
    expect(store.getState().filter).toEqual({ type: ['new'] });
  });

  it('keeps the error of a failed first page for the page to show', async () => {
    const { api, store } = setup();
    api.listExecutions.mockRejectedValueOnce(
      await responseError(503, 'Temporal is down'),
    );
    await store.getState().load({});
    expect(store.getState().listState).toBe('error');
    expect(store.getState().listError).toMatchObject({ statusCode: 503 });
  });
  it('tells subscribers of status changes a push made, never of loads or unchanged statuses', async () => {
    const { api, store } = setup();
    const changes: StatusChange[] = [];
    const unsubscribe = store
      .getState()
      .subscribeStatusChanges(change => changes.push(change));
    const asDetail = (row: ReturnType<typeof summary>) => ({
      ...row,
      pendingActivities: [],
      queries: [],
      signals: [],
    });

    // a push while the first page loads is not a change the reader saw
    const page = deferred<any>();
    api.listExecutions.mockReturnValueOnce(page.promise);
    const loading = store.getState().load({});
    api.getExecution.mockResolvedValueOnce(
      asDetail(summary({ workflowId: 'w0', status: 'Completed' })),
    );
    await store.getState().applyChange({ workflowId: 'w0' });
    page.resolve({ items: [running, other] });
    await loading;
    await store.getState().loadMore();
    expect(changes).toEqual([]);

    // the same status with other fields changed
    api.getExecution.mockResolvedValueOnce(
      asDetail({ ...running, historyLength: 12 }),
    );
    await store.getState().applyChange({ workflowId: 'w1' });
    expect(changes).toEqual([]);

    api.getExecution.mockResolvedValueOnce(
      asDetail({ ...running, status: 'Completed' }),
    );
    await store.getState().applyChange({ workflowId: 'w1' });
    api.getExecution.mockResolvedValueOnce(
      asDetail(summary({ workflowId: 'w3' })),
    );
    await store.getState().applyChange({ workflowId: 'w3' });
    expect(changes).toEqual([
      { workflowId: 'w1', from: 'Running', to: 'Completed' },
      { workflowId: 'w3', to: 'Running' },
    ]);

    unsubscribe();
    api.getExecution.mockResolvedValueOnce(
      asDetail({ ...other, status: 'Failed' }),
    );
    await store.getState().applyChange({ workflowId: 'w2' });
    expect(changes).toHaveLength(2);
  });
});
