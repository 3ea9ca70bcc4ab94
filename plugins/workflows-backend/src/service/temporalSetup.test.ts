import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import request from 'supertest';
import { workflowsPlugin } from '../plugin';
import { STARTED_BY_ATTRIBUTE } from '../temporal/workflows/searchAttributes';
import { createTestNamespace } from './__testUtils__/temporal';
import { TemporalService } from './TemporalService';

// A namespace of its own on the real Temporal dev server (TEMPORAL_ADDRESS),
// created without the console's search attribute, as a production namespace
// is before its one-time setup; the backend runs with production's setting
// (registerSearchAttributes off).
const address = process.env.TEMPORAL_ADDRESS!;
jest.setTimeout(60_000);

describe('workflows routes in a namespace without the console search attribute', () => {
  const logger = mockServices.logger.mock();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let created: Awaited<ReturnType<typeof createTestNamespace>>;
  let namespace: string;
  const command = () =>
    `temporal operator search-attribute create --namespace ${namespace} --name ${STARTED_BY_ATTRIBUTE} --type Keyword`;

  beforeAll(async () => {
    created = await createTestNamespace('console-setup');
    namespace = created.namespace;
    backend = await startTestBackend({
      features: [
        workflowsPlugin,
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            workflows: {
              temporal: {
                address,
                namespace,
                taskQueue: `nobody-polls-${namespace}`,
              },
              worker: { enabled: false },
              liveUpdates: { enabled: false },
            },
          },
        }),
      ],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await created?.remove();
  });

  const startPromotion = () =>
    request(backend.server)
      .post('/api/workflows/executions')
      .send({
        type: 'modelPromotion',
        input: { model: 'local-sentiment', toVersion: 'v2' },
      });

  it('says at start, in the log, which attribute is missing and the command that adds it', async () => {
    const logged = () =>
      logger.error.mock.calls.map(call => String(call[0])).join('\n');
    for (let i = 0; i < 50 && !logged().includes(command()); i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(logged()).toContain(command());
  });

  it('health: 503, Temporal reachable, the message names the attribute and the command', async () => {
    const res = await request(backend.server).get('/api/workflows/health');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
    expect(res.body).toEqual({
      status: 'unavailable',
      temporal: {
        namespace,
        reachable: true,
        message: expect.stringContaining(command()),
      },
    });
  });

  it.each([
    ['starting a workflow', startPromotion],
    [
      'listing executions',
      () => request(backend.server).get('/api/workflows/executions'),
    ],
  ])(
    '%s: 503 with Retry-After and the reason, not a 500',
    async (_name, call) => {
      const res = await call();
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
      expect(res.body.error.message).toContain(
        `lacks the search attribute ${STARTED_BY_ATTRIBUTE} (Keyword)`,
      );
      expect(res.body.error.message).toContain(command());
    },
  );

  it('serves once an operator has run the one-time setup, without a restart', async () => {
    // what scripts/temporal-setup.sh runs, with the backend's own settings
    const operator = TemporalService.fromConfig({
      config: new ConfigReader({
        workflows: { temporal: { address, namespace } },
      }),
      logger: mockServices.logger.mock(),
    });
    try {
      await expect(operator.registerSearchAttributes()).resolves.toEqual([
        STARTED_BY_ATTRIBUTE,
      ]);
    } finally {
      await operator.close();
    }

    const health = await request(backend.server).get('/api/workflows/health');
    expect(health.status).toBe(200);
    const started = await startPromotion();
    expect(started.status).toBe(201);
    await request(backend.server)
      .post(`/api/workflows/executions/${started.body.workflowId}/terminate`)
      .send({ reason: 'test done' });
  });
});
