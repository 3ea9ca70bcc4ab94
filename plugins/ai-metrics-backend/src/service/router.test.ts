import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { aiMetricsReadPermission } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
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

  describe('refusals', () => {
    it.each([
      [
        'POST /events',
        (h: Harness) =>
          request(h.app).post('/events').send({ events: sampleEvents }),
        'ai-metrics.event.ingest',
      ],
      [
        'POST /admin/retention/run',
        (h: Harness) => request(h.app).post('/admin/retention/run'),
        'ai-metrics.admin',
      ],
    ])(
      'audits a refused %s as permission-denied, naming the actor and the permission',
      async (_, send, permission) => {
        const harness = await createHarness(databases, {
          now,
          permissions: deny(),
        });
        expect((await send(harness)).status).toBe(403);
        const denied = harness.auditor.createEvent.mock.calls
          .map(([event]) => event)
          .filter(event => event.eventId === 'permission-denied');
        expect(denied).toEqual([
          {
            eventId: 'permission-denied',
            severityLevel: 'medium',
            meta: { actor: 'user:default/mock', permission },
          },
        ]);
      },
    );
  });
});
