import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { workflowsPlugin } from '../plugin';

// Temporal at an address where nothing listens. The answers say that Temporal
// is unavailable and when to retry; where Temporal runs and what its client
// said stay in the backend's log: any signed-in user reads these answers.
const ADDRESS = '127.0.0.1:1';

describe('workflows routes while Temporal is down', () => {
  const logger = mockServices.logger.mock();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        workflowsPlugin,
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            workflows: {
              temporal: { address: ADDRESS, rpcTimeoutMs: 1500 },
              worker: { enabled: false },
              liveUpdates: { enabled: false },
            },
          },
        }),
      ],
    });
  });
  afterAll(() => backend?.stop());

  // the address, and the words of Temporal's client when nothing answers
  const leaks = (text: string) =>
    [
      ADDRESS,
      '127.0.0.1',
      'UNAVAILABLE',
      'DEADLINE_EXCEEDED',
      'Deadline exceeded',
      'ECONNREFUSED',
      'No connection established',
      'metadata filters',
    ]
      .filter(words => text.includes(words))
      .join(', ');

  it.each([
    ['list', 'get', '/api/workflows/executions', undefined],
    ['counts', 'get', '/api/workflows/executions/counts', undefined],
    ['describe', 'get', '/api/workflows/executions/some-id', undefined],
    [
      'start',
      'post',
      '/api/workflows/executions',
      { type: 'modelPromotion', input: { model: 'm', toVersion: 'v1' } },
    ],
  ] as const)(
    '%s: 503 "Temporal is unavailable" with Retry-After, without the address or the client error',
    async (_name, method, path, body) => {
      const res = await request(backend.server)
        [method](path)
        .send(body as object | undefined);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
      expect(res.body.error.message).toBe('Temporal is unavailable');
      expect(leaks(res.text)).toBe('');
    },
  );

  it('health: 503 with reachable false and Retry-After, without the address or the client error', async () => {
    const res = await request(backend.server).get('/api/workflows/health');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
    expect(res.body).toEqual({
      status: 'unavailable',
      temporal: {
        namespace: 'default',
        reachable: false,
        message: 'Temporal is unavailable',
      },
    });
    expect(leaks(res.text)).toBe('');
  });

  it('logs what the answers leave out, for the operator', async () => {
    await request(backend.server).get('/api/workflows/executions');
    const logged = [...logger.warn.mock.calls, ...logger.error.mock.calls]
      .map(call => String(call[0]))
      .join('\n');
    expect(logged).toContain(ADDRESS);
  });
});
