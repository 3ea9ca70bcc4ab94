import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  aiMetricsIngestPermission,
  aiMetricsReadPermission,
} from '@internal/backstage-plugin-ai-metrics-common';
import http, { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { AiMetricsStore } from '../database/AiMetricsStore';
import {
  aiModelConditions,
  createAiModelConditionalDecision,
} from '../permissions/rules';
import { wireEvent } from '../__testUtils__/events';
import {
  allow,
  createHarness,
  Harness,
  ownershipOf,
  permissionsAnswering,
  permissionsPolicy,
  serviceHeader,
} from '../__testUtils__/routerHarness';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = Date.parse('2026-11-26T10:00:00Z');
const now = () => T0 + 2 * 3_600_000;
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const range = { from: at(0), to: at(60) };

const deny = () => permissionsAnswering({ basic: AuthorizeResult.DENY });
const refuse = (): PolicyDecision => ({ result: AuthorizeResult.DENY });
const denyRead = () =>
  permissionsAnswering({ read: { result: AuthorizeResult.DENY } });
/** Conditional read: only models owned by team-a. */
const teamA = () =>
  permissionsAnswering({
    read: createAiModelConditionalDecision(
      aiMetricsReadPermission,
      aiModelConditions.isOwnedBy({ claims: ['group:default/team-a'] }),
    ),
  });
const ownership = ownershipOf({ 'gpt-4o': ['group:default/team-a'] });

const sampleEvents = [
  wireEvent({ id: '1', timestamp: at(1), latencyMs: 100, costUsd: 0.5 }),
  wireEvent({ id: '2', timestamp: at(2), latencyMs: 300, costUsd: 0.25 }),
  wireEvent({
    id: '3',
    timestamp: at(7),
    model: 'claude-3-5-sonnet',
    provider: 'anthropic',
    version: '20241022',
    latencyMs: 900,
    costUsd: 2,
    success: false,
    errorType: 'timeout',
  }),
  wireEvent({
    id: '4',
    timestamp: at(8),
    model: 'claude-3-5-sonnet',
    provider: 'anthropic',
    version: '20240620',
    latencyMs: 700,
    costUsd: 1,
    score: 0.8,
  }),
];

async function withData(
  options: Parameters<typeof createHarness>[1] = {},
): Promise<Harness> {
  const harness = await createHarness(databases, { now, ...options });
  await harness.store.insertEvents({
    producer: 'external:test-producer',
    receivedAt: T0,
    events: sampleEvents.map(e => ({
      id: e.id,
      occurredAt: Date.parse(e.timestamp),
      model: e.model,
      version: e.version ?? '',
      provider: e.provider,
      operation: e.operation,
      latencyMs: e.latencyMs,
      inputTokens: e.inputTokens ?? 0,
      outputTokens: e.outputTokens ?? 0,
      costUsd: e.costUsd ?? 0,
      errorType: e.errorType ?? null,
      score: e.score ?? null,
      labels: null,
      traceId: null,
    })),
  });
  return harness;
}

async function scrape(harness: Harness): Promise<string> {
  return (await harness.metrics.expose()).body;
}

describe('ai-metrics router', () => {
  describe('GET /health and /openapi.json', () => {
    let harness: Harness;
    beforeEach(async () => {
      harness = await createHarness(databases);
    });

    it('answers 200 when the database answers', async () => {
      harness.health.mockResolvedValue({
        status: 'ok',
        database: { reachable: true, client: 'pg' },
      });
      const res = await request(harness.app).get('/health');
      expect(res.status).toBe(200);
      expect(res.body.database.reachable).toBe(true);
    });

    it('answers 503 when the database does not', async () => {
      harness.health.mockResolvedValue({
        status: 'unavailable',
        database: {
          reachable: false,
          client: 'pg',
          message: 'the database is unavailable',
        },
      });
      const res = await request(harness.app).get('/health');
      expect(res.status).toBe(503);
      expect(res.body.database.reachable).toBe(false);
    });

    it('accepts service tokens', async () => {
      harness.health.mockResolvedValue({
        status: 'ok',
        database: { reachable: true, client: 'pg' },
      });
      const res = await request(harness.app)
        .get('/health')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
    });

    it('answers 401 without credentials and does not touch the database', async () => {
      const res = await request(harness.app)
        .get('/health')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
      expect(harness.health).not.toHaveBeenCalled();
    });

    it('serves the OpenAPI document with every route, 401 without credentials', async () => {
      const ok = await request(harness.app).get('/openapi.json');
      expect(ok.status).toBe(200);
      expect(ok.body.openapi).toMatch(/^3\./);
      expect(Object.keys(ok.body.paths).sort()).toEqual([
        '/admin/retention/run',
        '/admin/status',
        '/compare',
        '/events',
        '/health',
        '/metrics',
        '/models',
        '/openapi.json',
        '/series',
        '/top',
      ]);
      const anonymous = await request(harness.app)
        .get('/openapi.json')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    });
  });

  describe('POST /events', () => {
    it('stores a batch and answers the counts; a retried batch counts once, in the store and in Prometheus', async () => {
      const harness = await createHarness(databases, { now });
      const batch = { events: sampleEvents };
      const first = await request(harness.app)
        .post('/events')
        .set('Authorization', mockCredentials.service.header())
        .send(batch);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ accepted: 4, duplicates: 0 });

      const retry = await request(harness.app)
        .post('/events')
        .set('Authorization', mockCredentials.service.header())
        .send(batch);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ accepted: 0, duplicates: 4 });

      const rows = await harness.store.readRollups({
        resolution: 'hour',
        from: T0,
        to: T0 + 3_600_000,
      });
      expect(rows.reduce((n, r) => n + r.requests, 0)).toBe(4);

      const text = await scrape(harness);
      expect(text).toContain(
        'gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o"} 2',
      );
      expect(text).toContain(
        'gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name="chat",gen_ai_provider_name="anthropic",gen_ai_request_model="claude-3-5-sonnet",error_type="timeout"} 1',
      );
      expect(text).toContain(
        'ai_console_model_cost_usd_total{gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o"} 0.75',
      );
      expect(text).toContain(
        'ai_console_metric_events_total{result="accepted"} 4',
      );
      expect(text).toContain(
        'ai_console_metric_events_total{result="duplicate"} 4',
      );
    });

    it("keeps each producer's ids its own: the same ids from another producer are new events, its retry a duplicate", async () => {
      const harness = await createHarness(databases, {
        now,
        producers: {
          'external:producer-a': ['*'],
          'plugin:workflows': ['*'],
        },
      });
      const batch = { events: sampleEvents.slice(0, 2) };
      const as = (subject: string) =>
        request(harness.app)
          .post('/events')
          .set('Authorization', serviceHeader(subject))
          .send(batch);
      // producer a sends first the ids producer b will use
      expect((await as('external:producer-a')).body).toEqual({
        accepted: 2,
        duplicates: 0,
      });
      expect((await as('plugin:workflows')).body).toEqual({
        accepted: 2,
        duplicates: 0,
      });
      expect((await as('plugin:workflows')).body).toEqual({
        accepted: 0,
        duplicates: 2,
      });
      expect((await harness.store.stats()).rawEvents).toBe(4);
    });

    it('records one audit event per batch, with the counts', async () => {
      const harness = await createHarness(databases, { now });
      await request(harness.app).post('/events').send({ events: sampleEvents });
      expect(harness.auditor.createEvent).toHaveBeenCalledTimes(1);
      expect(harness.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'ingest', severityLevel: 'medium' }),
      );
      const event = await harness.auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: { accepted: 4, duplicates: 0 },
      });
    });

    it('answers 400 naming the index and field of each bad event, and stores nothing', async () => {
      const harness = await createHarness(databases, { now });
      const res = await request(harness.app)
        .post('/events')
        .send({
          events: [
            wireEvent({ id: 'ok', timestamp: at(1) }),
            wireEvent({ id: 'bad', timestamp: at(1), latencyMs: -5 }),
            wireEvent({ id: 'bad2', timestamp: at(1), tokens: 3 }),
          ],
        });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain('events[1].latencyMs');
      expect(res.body.error.message).toContain('events[2]: Unrecognized key');
      expect((await harness.store.stats()).rawEvents).toBe(0);
    });

    it.each([
      ['no events key', {}, 'events'],
      ['an empty batch', { events: [] }, 'events'],
      [
        'a timestamp far in the future',
        { events: [wireEvent({ id: 'f', timestamp: at(600) })] },
        'events[0].timestamp: more than 5 minutes ahead',
      ],
      [
        'a timestamp past the raw retention',
        { events: [wireEvent({ id: 'o', timestamp: at(-8 * 24 * 60) })] },
        'events[0].timestamp: older than the raw event retention',
      ],
    ])('answers 400 for %s', async (_, body, message) => {
      const harness = await createHarness(databases, { now });
      const res = await request(harness.app).post('/events').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('answers 400 for a batch over the configured size, before validating events', async () => {
      const harness = await createHarness(databases, { now, maxBatchSize: 2 });
      const res = await request(harness.app)
        .post('/events')
        .send({ events: [{}, {}, {}] });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'invalid batch: events holds 3 events, at most 2 are allowed per batch',
      );
    });

    it('answers 400 for a body that is not JSON, 413 for a body over the configured size', async () => {
      const harness = await createHarness(databases, {
        now,
        maxBodySize: 2000,
      });
      const broken = await request(harness.app)
        .post('/events')
        .set('Content-Type', 'application/json')
        .send('{"events": [');
      expect(broken.status).toBe(400);
      const big = await request(harness.app)
        .post('/events')
        .send({
          events: Array.from({ length: 20 }, (_, i) =>
            wireEvent({ id: `big-${i}`, timestamp: at(1) }),
          ),
        });
      expect(big.status).toBe(413);
      expect((await harness.store.stats()).rawEvents).toBe(0);
    });

    it('answers 401 without credentials', async () => {
      const harness = await createHarness(databases, { now });
      const res = await request(harness.app)
        .post('/events')
        .set('Authorization', mockCredentials.none.header())
        .send({ events: sampleEvents });
      expect(res.status).toBe(401);
      expect(harness.auditor.createEvent).not.toHaveBeenCalled();
    });

    it('answers 403 when the ingest permission is denied, stores nothing, and audits the failure', async () => {
      const harness = await createHarness(databases, {
        now,
        permissions: deny(),
      });
      const res = await request(harness.app)
        .post('/events')
        .send({ events: sampleEvents });
      expect(res.status).toBe(403);
      expect((await harness.store.stats()).rawEvents).toBe(0);
      const event = await harness.auditor.createEvent.mock.results[0].value;
      expect(event.fail).toHaveBeenCalledTimes(1);
    });

    it('answers 429 with Retry-After while the in-flight batches are at the bound, then accepts again', async () => {
      let enter!: () => void;
      const entered = new Promise<void>(resolve => {
        enter = resolve;
      });
      let release!: () => void;
      const gate = new Promise<void>(resolve => {
        release = resolve;
      });
      const blockingStore = {
        insertEvents: jest.fn(async ({ events }) => {
          enter();
          await gate;
          return { inserted: events };
        }),
      } as unknown as AiMetricsStore;
      const harness = await createHarness(databases, {
        now,
        store: blockingStore,
        maxInFlightBatches: 1,
      });
      const body = { events: [wireEvent({ id: 'slow', timestamp: at(1) })] };

      const first = request(harness.app).post('/events').send(body).then();
      await entered;
      const refused = await request(harness.app).post('/events').send(body);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('3');
      expect(refused.body.error.name).toBe('TooManyRequestsError');
      expect(await scrape(harness)).toContain(
        'ai_console_ingest_rejected_batches_total{reason="overload"} 1',
      );

      release();
      expect((await first).status).toBe(200);
      const after = await request(harness.app).post('/events').send(body);
      expect(after.status).toBe(200);
      expect(blockingStore.insertEvents).toHaveBeenCalledTimes(2);
    });
  });

  describe('POST /events: who may write which model', () => {
    // team-a owns gpt-4o in the catalog, team-b owns claude-3-5-sonnet
    const owners = ownershipOf({
      'gpt-4o': ['group:default/team-a'],
      'claude-3-5-sonnet': ['group:default/team-b'],
    });
    // operators may write any model, members of team-a the models team-a owns
    const policy = () =>
      permissionsPolicy({
        'ai-metrics.event.ingest': userRef =>
          userRef === 'user:default/operator'
            ? allow()
            : createAiModelConditionalDecision(
                aiMetricsIngestPermission,
                aiModelConditions.isOwnedBy({
                  claims:
                    userRef === 'user:default/alice'
                      ? ['user:default/alice', 'group:default/team-a']
                      : [userRef],
                }),
              ),
      });
    const producers = {
      'external:producer-a': ['gpt-*'],
      'plugin:workflows': ['local-sentiment'],
    };
    const gpt = wireEvent({ id: 'g1', timestamp: at(1), model: 'gpt-4o' });
    const claude = wireEvent({
      id: 'c1',
      timestamp: at(1),
      model: 'claude-3-5-sonnet',
      provider: 'anthropic',
    });
    const local = wireEvent({
      id: 'l1',
      timestamp: at(1),
      model: 'local-sentiment',
    });

    it.each([
      [
        200,
        'producer a, its own model',
        serviceHeader('external:producer-a'),
        [gpt],
      ],
      [
        403,
        "producer a, another team's model",
        serviceHeader('external:producer-a'),
        [claude],
      ],
      [
        403,
        'producer a, a batch with one model not its own',
        serviceHeader('external:producer-a'),
        [gpt, claude],
      ],
      [
        403,
        'a service that is no producer',
        serviceHeader('external:stranger'),
        [gpt],
      ],
      [
        200,
        'the workflows plugin, a model the console runs',
        serviceHeader('plugin:workflows'),
        [local],
      ],
      [
        403,
        'the workflows plugin, any other model',
        serviceHeader('plugin:workflows'),
        [gpt],
      ],
      [
        200,
        'an operator, any model',
        mockCredentials.user.header('user:default/operator'),
        [gpt, claude],
      ],
      [
        200,
        'a member of team-a, its model',
        mockCredentials.user.header('user:default/alice'),
        [gpt],
      ],
      [
        403,
        "a member of team-a, another team's model",
        mockCredentials.user.header('user:default/alice'),
        [claude],
      ],
      [
        403,
        'a user who owns no model',
        mockCredentials.user.header('user:default/bob'),
        [gpt],
      ],
      [401, 'no token', mockCredentials.none.header(), [gpt]],
    ])('answers %p to %s', async (status, _, header, events) => {
      const harness = await createHarness(databases, {
        now,
        permissions: policy(),
        ownership: owners,
        producers,
      });
      const res = await request(harness.app)
        .post('/events')
        .set('Authorization', header)
        .send({ events });
      expect(res.status).toBe(status);
      // a refused batch stores nothing, not even the events it may write
      expect((await harness.store.stats()).rawEvents).toBe(
        status === 200 ? events.length : 0,
      );
    });

    it('names the models refused, and stores the batch once allowed', async () => {
      const harness = await createHarness(databases, {
        now,
        permissions: policy(),
        ownership: owners,
        producers,
      });
      const refused = await request(harness.app)
        .post('/events')
        .set('Authorization', serviceHeader('external:producer-a'))
        .send({ events: [gpt, claude] });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'external:producer-a may not ingest metrics of model claude-3-5-sonnet (aiMetrics.ingest.producers)',
      );
      const stranger = await request(harness.app)
        .post('/events')
        .set('Authorization', serviceHeader('external:stranger'))
        .send({ events: [gpt] });
      expect(stranger.body.error.message).toBe(
        'external:stranger may not ingest metrics: it is not a producer of aiMetrics.ingest.producers',
      );
      const user = await request(harness.app)
        .post('/events')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ events: [claude] });
      expect(user.body.error.message).toBe(
        'not allowed to ingest metrics of model claude-3-5-sonnet',
      );
      const allowed = await request(harness.app)
        .post('/events')
        .set('Authorization', serviceHeader('external:producer-a'))
        .send({ events: [gpt] });
      expect(allowed.body).toEqual({ accepted: 1, duplicates: 0 });
    });
  });

  describe('POST /events: in-flight slots', () => {
    const body = {
      events: [wireEvent({ id: 'quick', timestamp: at(1) })],
    };
    const producer = serviceHeader('external:test-service');

    /** A POST /events whose body stops after its first bytes. */
    function slowBatch(server: Server, authorization: string) {
      const { port } = server.address() as AddressInfo;
      const text = JSON.stringify(body);
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/events',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          authorization,
        },
      });
      const answer = new Promise<number>(resolve => {
        req.on('response', res => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        // the server may close the socket once it answered
        req.on('error', () => resolve(-1));
      });
      req.write(text.slice(0, 10));
      return { answer, abort: () => req.destroy() };
    }

    async function until(condition: () => boolean) {
      for (let i = 0; i < 200 && !condition(); i++) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      expect(condition()).toBe(true);
    }

    /** The status, or 0 when none came within `ms`. */
    const within = (answer: Promise<number>, ms: number) =>
      Promise.race([
        answer,
        new Promise<number>(resolve => setTimeout(() => resolve(0), ms)),
      ]);

    async function listening(options: Parameters<typeof createHarness>[1]) {
      const harness = await createHarness(databases, {
        now,
        permissions: permissionsPolicy({
          'ai-metrics.event.ingest': userRef =>
            userRef === 'user:default/mallory' ? refuse() : allow(),
        }),
        ...options,
      });
      const server = await new Promise<Server>(resolve => {
        const s = harness.app.listen(0, '127.0.0.1', () => resolve(s));
      });
      return { harness, server };
    }

    it('refuses callers that may not ingest (401, 403) without a slot, while slow bodies hold every slot', async () => {
      const { harness, server } = await listening({
        maxInFlightBatches: 2,
        bodyTimeoutMs: 30_000,
      });
      const held = [slowBatch(server, producer), slowBatch(server, producer)];
      try {
        await until(() => harness.ingest.batchesInFlight === 2);
        const send = (authorization: string) =>
          request(server)
            .post('/events')
            .set('Authorization', authorization)
            .send(body);
        // more unauthenticated requests than there are slots
        const anonymous = await Promise.all(
          [1, 2, 3].map(() => send(mockCredentials.none.header())),
        );
        expect(anonymous.map(r => r.status)).toEqual([401, 401, 401]);
        const invalid = await send(mockCredentials.user.invalidHeader());
        expect(invalid.status).toBe(401);
        const denied = await send(
          mockCredentials.user.header('user:default/mallory'),
        );
        expect(denied.status).toBe(403);
        // a producer waits for a slot like any other
        const busy = await send(producer);
        expect(busy.status).toBe(429);
        expect(harness.ingest.batchesInFlight).toBe(2);
      } finally {
        held.forEach(h => h.abort());
        server.close();
      }
    });

    it('does not let unauthenticated slow bodies keep producers out', async () => {
      const { server } = await listening({
        maxInFlightBatches: 1,
        bodyTimeoutMs: 30_000,
      });
      const anonymous = [1, 2, 3].map(() =>
        slowBatch(server, mockCredentials.none.header()),
      );
      try {
        for (const { answer } of anonymous) {
          expect(await within(answer, 3_000)).toBe(401);
        }
        const res = await request(server)
          .post('/events')
          .set('Authorization', producer)
          .send(body);
        expect(res.status).toBe(200);
      } finally {
        anonymous.forEach(h => h.abort());
        server.close();
      }
    });

    it('answers 408 to a body that does not arrive in time, and frees its slot', async () => {
      const { harness, server } = await listening({
        maxInFlightBatches: 1,
        bodyTimeoutMs: 300,
      });
      const slow = slowBatch(server, producer);
      try {
        expect(await within(slow.answer, 3_000)).toBe(408);
        expect(harness.ingest.batchesInFlight).toBe(0);
        const res = await request(server)
          .post('/events')
          .set('Authorization', producer)
          .send(body);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ accepted: 1, duplicates: 0 });
      } finally {
        slow.abort();
        server.close();
      }
    });
  });

  describe('GET /series', () => {
    it('answers per-step points per model from the rollups', async () => {
      const harness = await withData();
      const res = await request(harness.app)
        .get('/series')
        .query({ ...range, step: '5m' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        from: at(0),
        to: at(60),
        stepSeconds: 300,
        resolution: 'minute',
      });
      expect(res.body.series.map((s: any) => s.model)).toEqual([
        'claude-3-5-sonnet',
        'gpt-4o',
      ]);
      const gpt = res.body.series[1];
      expect(gpt.points).toHaveLength(12);
      expect(gpt.points[0]).toMatchObject({
        time: at(0),
        requests: 2,
        errors: 0,
        costUsd: 0.75,
        requestRate: 2 / 300,
      });
      // percentiles from the sketch: within 1% of the true value
      expect(Math.abs(gpt.points[0].latencyMs.p50 - 100)).toBeLessThanOrEqual(
        1,
      );
      expect(gpt.points[1].requests).toBe(0);
      expect(gpt.points[1].latencyMs.p50).toBeNull();
      const claude = res.body.series[0];
      expect(claude.points[1]).toMatchObject({
        requests: 2,
        errors: 1,
        errorRate: 0.5,
        accuracy: 0.8,
      });
    });

    it('groups by version and reads hour rollups for whole-hour steps', async () => {
      const harness = await withData();
      const res = await request(harness.app)
        .get('/series')
        .query({
          from: at(0),
          to: at(120),
          step: '1h',
          model: 'claude-3-5-sonnet',
          groupBy: 'version',
        });
      expect(res.status).toBe(200);
      expect(res.body.resolution).toBe('hour');
      expect(
        res.body.series.map((s: any) => [
          s.version,
          s.points.map((p: any) => p.requests),
        ]),
      ).toEqual([
        ['20240620', [1, 0]],
        ['20241022', [1, 0]],
      ]);
    });

    it.each([
      [{ ...range, step: '90s' }, 'step: a whole number of minutes'],
      [{ ...range, step: 'fast' }, 'step: a number and a unit'],
      [{ from: at(10), to: at(0) }, 'to: must be after from'],
      [{ to: at(10) }, 'from'],
      [{ ...range, colour: 'blue' }, 'Unrecognized key'],
      [{ ...range, groupBy: 'provider' }, 'groupBy'],
      [{ from: at(0), to: at(60 * 24 * 30), step: '1m' }, 'at most 1500'],
    ])('answers 400 for %p', async (query, message) => {
      const harness = await createHarness(databases, { now });
      const res = await request(harness.app).get('/series').query(query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('answers 401 without credentials, 403 when reading is denied', async () => {
      const harness = await withData({ permissions: denyRead() });
      const anonymous = await request(harness.app)
        .get('/series')
        .set('Authorization', mockCredentials.none.header())
        .query(range);
      expect(anonymous.status).toBe(401);
      const denied = await request(harness.app).get('/series').query(range);
      expect(denied.status).toBe(403);
    });

    it('under a conditional decision shows only the models the user owns, and refuses others by name', async () => {
      const harness = await withData({ permissions: teamA(), ownership });
      const res = await request(harness.app).get('/series').query(range);
      expect(res.status).toBe(200);
      expect(res.body.series.map((s: any) => s.model)).toEqual(['gpt-4o']);
      const refused = await request(harness.app)
        .get('/series')
        .query({ ...range, model: ['gpt-4o', 'claude-3-5-sonnet'] });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('claude-3-5-sonnet');
    });
  });

  describe('GET /compare', () => {
    it('compares models, in the order asked', async () => {
      const harness = await withData();
      const res = await request(harness.app)
        .get('/compare')
        .query({ ...range, model: ['gpt-4o', 'claude-3-5-sonnet', 'absent'] });
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((i: any) => [i.model, i.summary.requests]),
      ).toEqual([
        ['gpt-4o', 2],
        ['claude-3-5-sonnet', 2],
        ['absent', 0],
      ]);
    });

    it('compares versions of one model', async () => {
      const harness = await withData();
      const res = await request(harness.app)
        .get('/compare')
        .query({
          ...range,
          model: 'claude-3-5-sonnet',
          version: ['20241022', '20240620'],
        });
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((i: any) => [i.version, i.summary.errors]),
      ).toEqual([
        ['20241022', 1],
        ['20240620', 0],
      ]);
    });

    it('answers 400 for NUL in a model or version name (found fuzzing on PostgreSQL, where it was a 500)', async () => {
      const harness = await withData();
      for (const query of [
        { ...range, model: 'gpt\u00004o' },
        { ...range, model: 'gpt-4o', version: '\u0000' },
      ]) {
        const res = await request(harness.app).get('/compare').query(query);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/must not contain NUL/);
      }
      const series = await request(harness.app)
        .get('/series')
        .query({ ...range, model: ['gpt-4o', 'a\u0000'] });
      expect(series.status).toBe(400);
      expect(series.body.error.message).toMatch(
        /model\[1\]: must not contain NUL/,
      );
    });

    it('answers 400 for versions of two models, 401, and 403 for a model the user does not own', async () => {
      const harness = await withData({ permissions: teamA(), ownership });
      const bad = await request(harness.app)
        .get('/compare')
        .query({ ...range, model: ['a', 'b'], version: 'v1' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('exactly one model');
      const anonymous = await request(harness.app)
        .get('/compare')
        .set('Authorization', mockCredentials.none.header())
        .query({ ...range, model: 'gpt-4o' });
      expect(anonymous.status).toBe(401);
      const owned = await request(harness.app)
        .get('/compare')
        .query({ ...range, model: 'gpt-4o' });
      expect(owned.status).toBe(200);
      const refused = await request(harness.app)
        .get('/compare')
        .query({ ...range, model: 'claude-3-5-sonnet' });
      expect(refused.status).toBe(403);
    });
  });

  describe('GET /top', () => {
    it.each([
      ['cost', ['claude-3-5-sonnet', 'gpt-4o'], [3, 0.75]],
      ['errors', ['claude-3-5-sonnet', 'gpt-4o'], [1, 0]],
      ['requests', ['claude-3-5-sonnet', 'gpt-4o'], [2, 2]],
    ])('ranks models by %s', async (by, models, values) => {
      const harness = await withData();
      const res = await request(harness.app)
        .get('/top')
        .query({ ...range, by });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: any) => i.model)).toEqual(models);
      expect(res.body.items.map((i: any) => i.value)).toEqual(values);
    });

    it('ranks by p95 latency and honours the limit', async () => {
      const harness = await withData();
      const res = await request(harness.app)
        .get('/top')
        .query({ ...range, by: 'latencyP95', limit: 1 });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].model).toBe('claude-3-5-sonnet');
      // p95 of [700, 900] is the element of rank floor(0.95 * 1) = 700, within 1%
      expect(Math.abs(res.body.items[0].value - 700)).toBeLessThanOrEqual(7);
    });

    it('answers 400 for a bad ranking or limit, 401, 403, and hides models the user does not own', async () => {
      const harness = await withData({ permissions: teamA(), ownership });
      for (const query of [
        { ...range, by: 'vibes' },
        { ...range, limit: 0 },
        // found by fuzzing: a number-ish limit used to be read as a number
        { ...range, limit: '' },
        { ...range, limit: ' 5' },
        { ...range, limit: '1e1' },
      ]) {
        const res = await request(harness.app).get('/top').query(query);
        expect(res.status).toBe(400);
      }
      const anonymous = await request(harness.app)
        .get('/top')
        .set('Authorization', mockCredentials.none.header())
        .query(range);
      expect(anonymous.status).toBe(401);
      const filtered = await request(harness.app).get('/top').query(range);
      expect(filtered.body.items.map((i: any) => i.model)).toEqual(['gpt-4o']);

      const denied = await withData({ permissions: denyRead() });
      expect((await request(denied.app).get('/top').query(range)).status).toBe(
        403,
      );
    });
  });

  describe('GET /models', () => {
    it('lists models with their versions', async () => {
      const harness = await withData();
      const res = await request(harness.app).get('/models');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          model: 'claude-3-5-sonnet',
          versions: ['20240620', '20241022'],
          firstSeen: at(0),
          lastSeen: at(0),
        },
        { model: 'gpt-4o', versions: [], firstSeen: at(0), lastSeen: at(0) },
      ]);
    });

    it('answers 400 for query parameters, 401, 403, and lists only owned models under conditions', async () => {
      const harness = await withData({ permissions: teamA(), ownership });
      expect(
        (await request(harness.app).get('/models').query({ page: 2 })).status,
      ).toBe(400);
      expect(
        (
          await request(harness.app)
            .get('/models')
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
      const filtered = await request(harness.app).get('/models');
      expect(filtered.body.items.map((i: any) => i.model)).toEqual(['gpt-4o']);
      const denied = await withData({ permissions: denyRead() });
      expect((await request(denied.app).get('/models')).status).toBe(403);
    });
  });

  describe('GET /metrics', () => {
    // the exposition holds every model's latency, cost and accuracy, so by
    // default it is for Prometheus (a service token) and users granted
    // ai-metrics.metrics.scrape, never for any signed-in user
    it.each([
      [403, 'a user without ai-metrics.metrics.scrape', 'user:default/viewer'],
      [200, 'a user granted ai-metrics.metrics.scrape', 'user:default/sre'],
      [200, 'a service token (Prometheus)', 'service'],
      [401, 'no token', 'none'],
      [401, 'an invalid token', 'invalid'],
    ])('answers %p by default to %s', async (status, _, caller) => {
      const header =
        {
          service: mockCredentials.service.header(),
          none: mockCredentials.none.header(),
          invalid: mockCredentials.user.invalidHeader(),
        }[caller] ?? mockCredentials.user.header(caller);
      const harness = await createHarness(databases, {
        now,
        permissions: permissionsPolicy({
          'ai-metrics.metrics.scrape': userRef =>
            userRef === 'user:default/sre' ? allow() : refuse(),
          // reading every model is not enough: scraping is its own grant
          'ai-metrics.model.read': allow,
        }),
      });
      await request(harness.app)
        .post('/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events: sampleEvents });
      const res = await request(harness.app)
        .get('/metrics')
        .set('Authorization', header);
      expect(res.status).toBe(status);
      // the figures of the models reach only those allowed to scrape
      expect(res.text.includes('gen_ai_request_model="gpt-4o"')).toBe(
        status === 200,
      );
    });

    it('wants the configured bearer token when access is token', async () => {
      const harness = await createHarness(databases, {
        now,
        scrape: { access: 'token', token: 's3cret' },
      });
      const ok = await request(harness.app)
        .get('/metrics')
        .set('Authorization', 'Bearer s3cret');
      expect(ok.status).toBe(200);
      for (const header of ['Bearer wrong', mockCredentials.user.header()]) {
        const res = await request(harness.app)
          .get('/metrics')
          .set('Authorization', header);
        expect(res.status).toBe(401);
      }
    });

    it('answers anyone when access is public', async () => {
      const harness = await createHarness(databases, {
        now,
        scrape: { access: 'public' },
      });
      const res = await request(harness.app)
        .get('/metrics')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(200);
    });
  });

  describe('admin routes', () => {
    it('GET /admin/status answers sizes and retention; 400, 401 and 403 otherwise', async () => {
      const harness = await withData();
      const res = await request(harness.app).get('/admin/status');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        rows: { rawEvents: 4, minuteRollups: 4, hourRollups: 3 },
        oldestRawEvent: at(1),
        retentionSeconds: {
          rawEvents: 7 * 86400,
          minuteRollups: 30 * 86400,
          hourRollups: 365 * 86400,
        },
        ingestBatchesInFlight: 0,
      });
      expect(
        (await request(harness.app).get('/admin/status').query({ x: 1 }))
          .status,
      ).toBe(400);
      expect(
        (
          await request(harness.app)
            .get('/admin/status')
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
      const denied = await createHarness(databases, { permissions: deny() });
      expect((await request(denied.app).get('/admin/status')).status).toBe(403);
    });

    it('POST /admin/retention/run deletes what is past retention and audits it; 400, 401 and 403 otherwise', async () => {
      const harness = await withData({
        now: () => T0 + 8 * 86_400_000,
      });
      const res = await request(harness.app).post('/admin/retention/run');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        deleted: { rawEvents: 4, minuteRollups: 0, hourRollups: 0 },
      });
      expect(harness.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'retention-run' }),
      );
      expect(
        (
          await request(harness.app)
            .post('/admin/retention/run')
            .query({ x: 1 })
        ).status,
      ).toBe(400);
      expect(
        (
          await request(harness.app)
            .post('/admin/retention/run')
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
      const denied = await withData({ permissions: deny() });
      expect(
        (await request(denied.app).post('/admin/retention/run')).status,
      ).toBe(403);
      expect((await denied.store.stats()).rawEvents).toBe(4);
    });
  });
});
