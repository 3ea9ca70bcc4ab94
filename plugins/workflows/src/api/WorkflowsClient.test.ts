import { ResponseError } from '@backstage/errors';
import { WorkflowsClient } from './WorkflowsClient';

const BASE = 'http://localhost:7007/api/workflows';

function setup(
  respond: (url: string, init?: RequestInit) => Response = () => json(200, {}),
) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetchApi = {
    fetch: jest.fn(async (input: any, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, init });
      return respond(url, init);
    }),
  };
  const discoveryApi = { getBaseUrl: jest.fn(async () => BASE) };
  const client = new WorkflowsClient({ discoveryApi, fetchApi });
  return { client, calls, discoveryApi };
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

const bodyOf = (init?: RequestInit) => JSON.parse(String(init?.body));

describe('WorkflowsClient', () => {
  it('lists executions with the filter as comma lists and paging', async () => {
    const { client, calls, discoveryApi } = setup(() =>
      json(200, { items: [], nextPageToken: 'abc' }),
    );
    const page = await client.listExecutions({
      filter: {
        status: ['Running', 'Failed'],
        type: ['batchInference'],
        startedBy: 'user:default/jane',
        idPrefix: 'batch-',
        from: '2026-01-01T00:00:00.000Z',
      },
      pageSize: 200,
      pageToken: 'tok_1',
    });
    expect(page).toEqual({ items: [], nextPageToken: 'abc' });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('workflows');
    const url = new URL(calls[0].url);
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/executions`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'Running,Failed',
      type: 'batchInference',
      startedBy: 'user:default/jane',
      idPrefix: 'batch-',
      from: '2026-01-01T00:00:00.000Z',
      pageSize: '200',
      pageToken: 'tok_1',
    });
    expect(calls[0].init?.method).toBe('GET');
  });

  it('leaves empty filters out of the query string', async () => {
    const { client, calls } = setup(() =>
      json(200, { total: 0, byStatus: {} }),
    );
    await client.countExecutions({ filter: { status: [], type: [] } });
    expect(calls[0].url).toBe(`${BASE}/executions/counts`);
  });

  it('encodes workflow ids in paths', async () => {
    const { client, calls } = setup(() => json(200, { events: [] }));
    await client.getHistory({
      workflowId: 'a/b c',
      pageSize: 50,
      pageToken: 't',
    });
    expect(calls[0].url).toBe(
      `${BASE}/executions/a%2Fb%20c/history?pageSize=50&pageToken=t`,
    );
  });

  it('posts JSON bodies for start, signal, cancel, terminate, query and batch', async () => {
    // each with the status its operation declares
    const { client, calls } = setup((url, init) => {
      if (url.endsWith('/executions/batch')) {
        return json(202, { jobId: 'j', query: 'q', matched: 0 });
      }
      if (url.endsWith('/query')) return json(200, {});
      return json(url.endsWith('/executions') ? 201 : 200, {
        workflowId: 'w',
        runId: String(init?.method),
      });
    });
    await client.startExecution({
      type: 'modelPromotion',
      input: { model: 'm' },
    });
    await client.signalExecution({
      workflowId: 'w',
      name: 'approve',
      payload: { comment: 'ok' },
    });
    await client.cancelExecution({ workflowId: 'w', reason: 'not needed' });
    await client.terminateExecution({ workflowId: 'w', reason: 'stuck' });
    await client.queryExecution({ workflowId: 'w', name: 'progress' });
    await client.startBatch({
      action: 'terminate',
      reason: 'cleanup',
      filter: { type: ['batchInference'], idPrefix: '', startedBy: undefined },
    });
    expect(
      calls.map(c => [c.init?.method, c.url.replace(BASE, ''), bodyOf(c.init)]),
    ).toEqual([
      [
        'POST',
        '/executions',
        { type: 'modelPromotion', input: { model: 'm' } },
      ],
      [
        'POST',
        '/executions/w/signal',
        { name: 'approve', payload: { comment: 'ok' } },
      ],
      ['POST', '/executions/w/cancel', { reason: 'not needed' }],
      ['POST', '/executions/w/terminate', { reason: 'stuck' }],
      ['POST', '/executions/w/query', { name: 'progress' }],
      [
        'POST',
        '/executions/batch',
        {
          action: 'terminate',
          reason: 'cleanup',
          filter: { type: ['batchInference'] },
        },
      ],
    ]);
    expect(calls[0].init?.headers).toEqual({
      'Content-Type': 'application/json',
    });
  });

  it('sends the run to describe in the query', async () => {
    const { client, calls } = setup(() => json(200, {}));
    await client.getExecution({
      workflowId: 'w',
      runId: '0f6f3b1e-2d1a-4c9b-9a57-0c1d2e3f4a5b',
    });
    await client.getExecution({ workflowId: 'w' });
    expect(calls.map(c => c.url.replace(BASE, ''))).toEqual([
      '/executions/w?runId=0f6f3b1e-2d1a-4c9b-9a57-0c1d2e3f4a5b',
      '/executions/w',
    ]);
  });

  it('rejects a success status the contract does not declare for the call', async () => {
    // a signal answers 200; a 201 means something else answered
    const { client } = setup(() => json(201, { workflowId: 'w', runId: 'r' }));
    const error = await client
      .signalExecution({ workflowId: 'w', name: 'approve' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(201);
  });

  it('refuses to call without a workflow id rather than reach another route', async () => {
    const { client, calls } = setup(() => json(200, { items: [] }));
    await expect(client.getExecution({ workflowId: '' })).rejects.toThrow(
      'describeExecution needs the path parameter workflowId',
    );
    expect(calls).toEqual([]);
  });

  it('unwraps the list of types', async () => {
    const { client, calls } = setup(() =>
      json(200, { items: [{ name: 't' }] }),
    );
    await expect(client.listTypes()).resolves.toEqual([{ name: 't' }]);
    expect(calls[0].url).toBe(`${BASE}/types`);
  });

  it('turns error bodies into ResponseError with status and message', async () => {
    // the shape of Backstage's error middleware
    const { client } = setup(() =>
      json(400, {
        error: {
          name: 'InputError',
          message: 'invalid body: reason: a reason is required',
        },
        request: { method: 'POST', url: '/executions/w/terminate' },
        response: { statusCode: 400 },
      }),
    );
    const error = await client
      .terminateExecution({ workflowId: 'w', reason: ' ' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(
      'invalid body: reason: a reason is required',
    );
  });

  it('reports Temporal being unavailable as a 503 ResponseError', async () => {
    const { client } = setup(() =>
      json(503, {
        error: { name: 'ServiceUnavailableError', message: 'Temporal is down' },
        response: { statusCode: 503 },
      }),
    );
    const error = await client.getExecution({ workflowId: 'w' }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
    expect(error.cause.message).toBe('Temporal is down');
  });

  it('answers health with the body for 503 as for 200', async () => {
    const health = {
      status: 'unavailable',
      temporal: { namespace: 'default', reachable: false },
    };
    const { client } = setup(() => json(503, health));
    await expect(client.getHealth()).resolves.toEqual(health);
  });
});
