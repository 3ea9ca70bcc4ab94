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

  it('replaces only the rows a refresh changed, and asks for the counts again', async () => {
    const { api, store } = setup();
    await store.getState().load({});
    const before = store.getState();
    api.listExecutions.mockResolvedValueOnce({
      items: [
        { ...running, status: 'Completed', closeTime: '2026-01-10T11:00:00Z' },
        { ...other },
      ],
    });
    api.countExecutions.mockResolvedValueOnce({
      total: 2,
      byStatus: { Running: 1, Completed: 1 },
    });
    await store.getState().refresh();
    const after = store.getState();
    expect(after.rows.w1.status).toBe('Completed');
    // the unchanged row keeps its object, the order its array
    expect(after.rows.w2).toBe(before.rows.w2);
    expect(after.ids).toBe(before.ids);
    expect(after.counts?.byStatus).toEqual({ Running: 1, Completed: 1 });
    expect(api.listExecutions).toHaveBeenLastCalledWith({
      filter: {},
      pageSize: 2,
    });
    expect(api.countExecutions).toHaveBeenCalledTimes(2);
  });

  it('changes no state when a refresh finds nothing new', async () => {
    const { store } = setup();
    await store.getState().load({});
    const before = store.getState();
    await store.getState().refresh();
    const after = store.getState();
    expect(after.rows).toBe(before.rows);
    expect(after.ids).toBe(before.ids);
  });

  it('puts new executions first', async () => {
    const { api, store } = setup();
    await store.getState().load({});
    api.listExecutions.mockResolvedValueOnce({
      items: [summary({ workflowId: 'w3' }), running, other],
    });
    await store.getState().refresh();
    expect(store.getState().ids).toEqual(['w3', 'w1', 'w2']);
  });

  it('drops a row that left the filter when the refresh saw the whole filter', async () => {
    const { api, store } = setup();
    await store.getState().load({ status: ['Running'] });
    api.listExecutions.mockResolvedValueOnce({ items: [other] });
    await store.getState().refresh();
    expect(store.getState().ids).toEqual(['w2']);
    expect(store.getState().rows.w1).toBeUndefined();
  });

  it('keeps rows past the refreshed part of a longer list', async () => {
    const { api, store } = setup([running, other], 'p2');
    await store.getState().load({});
    api.listExecutions.mockResolvedValueOnce({
      items: [summary({ workflowId: 'w3' }), running],
      nextPageToken: 'again-p2',
    });
    await store.getState().refresh();
    expect(store.getState().ids).toEqual(['w3', 'w1', 'w2']);
    // where the next page starts is the load's to say
    expect(store.getState().nextPageToken).toBe('p2');
  });

  it('fetches as many rows as are loaded, up to 1000', async () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      summary({ workflowId: `m${i}` }),
    );
    const { api, store } = setup(many);
    await store.getState().load({});
    await store.getState().refresh();
    expect(api.listExecutions).toHaveBeenLastCalledWith({
      filter: {},
      pageSize: 5,
    });
  });

  it('says a failed refresh, and clears it with the next one', async () => {
    const { api, store } = setup();
    await store.getState().load({});
    api.listExecutions.mockRejectedValueOnce(
      await responseError(503, 'Temporal is unavailable'),
    );
    await store.getState().refresh();
    expect(store.getState().liveError).toMatchObject({ statusCode: 503 });
    expect(store.getState().ids).toEqual(['w1', 'w2']);
    await store.getState().refresh();
    expect(store.getState().liveError).toBeUndefined();
  });

  it('refreshes once at a time, once more for pushes during one', async () => {
    const { api, store } = setup();
    await store.getState().load({});
    const first = deferred<any>();
    const second = deferred<any>();
    api.listExecutions
      .mockReturnValueOnce(first.promise)
      .mockReturnValueOnce(second.promise);
    const a = store.getState().refresh();
    void store.getState().refresh();
    void store.getState().refresh();
    expect(api.listExecutions).toHaveBeenCalledTimes(2);
    first.resolve({ items: [{ ...running, historyLength: 5 }, other] });
    second.resolve({ items: [{ ...running, status: 'Completed' }, other] });
    await a;
    expect(api.listExecutions).toHaveBeenCalledTimes(3);
    expect(store.getState().rows.w1.status).toBe('Completed');
  });

  it('refreshes nothing while the first page loads; the load is as fresh', async () => {
    const { api, store } = setup();
    const page = deferred<any>();
    api.listExecutions.mockReturnValueOnce(page.promise);
    const loading = store.getState().load({});
    await store.getState().refresh();
    page.resolve({ items: [running, other] });
    await loading;
    expect(api.listExecutions).toHaveBeenCalledTimes(1);
  });

  it('drops a refresh answered for a filter that has been replaced', async () => {
    const { api, store } = setup();
    await store.getState().load({ type: ['old'] });
    const slow = deferred<any>();
    api.listExecutions.mockReturnValueOnce(slow.promise);
    const refreshing = store.getState().refresh();
    await store.getState().load({ type: ['new'] });
    slow.resolve({ items: [summary({ workflowId: 'stale' })] });
    await refreshing;
    expect(store.getState().ids).toEqual(['w1', 'w2']);
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
  it('tells subscribers of status changes a refresh made, never of loads or unchanged statuses', async () => {
    const { api, store } = setup([running, other], 'p2');
    const changes: StatusChange[] = [];
    const unsubscribe = store
      .getState()
      .subscribeStatusChanges(change => changes.push(change));
    const relist = (...items: ReturnType<typeof summary>[]) =>
      api.listExecutions.mockResolvedValueOnce({ items, nextPageToken: 'p2' });

    await store.getState().load({});
    relist(summary({ workflowId: 'w9' }));
    await store.getState().loadMore();
    expect(changes).toEqual([]);

    // the same status with other fields changed
    relist({ ...running, historyLength: 12 }, other);
    await store.getState().refresh();
    expect(changes).toEqual([]);

    relist(
      summary({ workflowId: 'w3' }),
      { ...running, status: 'Completed' },
      other,
    );
    await store.getState().refresh();
    expect(changes).toEqual([
      { workflowId: 'w3', to: 'Running' },
      { workflowId: 'w1', from: 'Running', to: 'Completed' },
    ]);

    unsubscribe();
    relist({ ...other, status: 'Failed' });
    await store.getState().refresh();
    expect(changes).toHaveLength(2);
  });
});
