import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { recordingMetricsProducer } from './__testUtils__/metricsProducer';
import { workflowsPlugin } from '../plugin';
import { policyPermissions, startedBy } from './__testUtils__/policy';

// Every route against the real Temporal dev server (TEMPORAL_ADDRESS), with the
// console's worker running in the plugin and a permission policy per user:
//   alice  admin: everything
//   olivia operator: reads everything, starts, approves what others started;
//          signals, cancels and terminates only what she started; batches
//   tom    team member: reads only what he started, starts
//   victor viewer: reads everything, nothing else
//   mallory denied everything
const address = process.env.TEMPORAL_ADDRESS!;
jest.setTimeout(90_000);

const ALICE = 'user:default/alice';
const OLIVIA = 'user:default/olivia';
const TOM = 'user:default/tom';
const VICTOR = 'user:default/victor';
const MALLORY = 'user:default/mallory';
const as = (userRef: string) => mockCredentials.user.header(userRef);
const anonymous = mockCredentials.none.header();

function decide(
  permission: string,
  userRef: string | undefined,
): PolicyDecision {
  const allow = { result: AuthorizeResult.ALLOW } as const;
  const deny = { result: AuthorizeResult.DENY } as const;
  switch (userRef) {
    case ALICE:
      return allow;
    case OLIVIA:
      if (
        [
          'workflows.execution.signal',
          'workflows.execution.cancel',
          'workflows.execution.terminate',
        ].includes(permission)
      ) {
        return startedBy(OLIVIA);
      }
      return allow;
    case TOM:
      if (permission === 'workflows.execution.read') return startedBy(TOM);
      return permission === 'workflows.execution.start' ? allow : deny;
    case VICTOR:
      return permission === 'workflows.execution.read' ? allow : deny;
    default:
      return deny;
  }
}

describe('workflows routes', () => {
  const taskQueue = `test-router-${randomUUID()}`;
  let server: any;
  let stopBackend: () => Promise<void>;
  const published: any[] = [];
  const metrics = recordingMetricsProducer();

  beforeAll(async () => {
    if (!address)
      throw new Error('TEMPORAL_ADDRESS must point at a Temporal server');
    const backend = await startTestBackend({
      features: [
        workflowsPlugin,
        mockServices.rootConfig.factory({
          data: {
            workflows: {
              temporal: {
                address,
                namespace: 'default',
                taskQueue,
                registerSearchAttributes: true,
              },
              liveUpdates: { enabled: false },
            },
          },
        }),
        policyPermissions(decide).factory,
        metrics.factory,
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: any) => {
              published.push(signal);
            },
          }),
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
  });

  const api = () => request(server);
  const start = (userRef: string, body: object) =>
    api()
      .post('/api/workflows/executions')
      .set('Authorization', as(userRef))
      .send(body);

  async function startPromotion(userRef: string) {
    const res = await start(userRef, {
      type: 'modelPromotion',
      input: {
        model: 'local-sentiment',
        toVersion: `v-${randomUUID().slice(0, 8)}`,
      },
    });
    expect(res.status).toBe(201);
    return res.body as { workflowId: string; runId: string };
  }

  async function waitForStatus(workflowId: string, status: string) {
    for (let i = 0; i < 200; i++) {
      const res = await api()
        .get(`/api/workflows/executions/${workflowId}`)
        .set('Authorization', as(ALICE));
      if (res.body.status === status) return res.body;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`${workflowId} never reached ${status}`);
  }

  // Visibility is eventually consistent: retry a list until it shows what we expect.
  async function listUntil(
    userRef: string,
    query: string,
    predicate: (items: any[]) => boolean,
  ) {
    let items: any[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await api()
        .get(`/api/workflows/executions?${query}`)
        .set('Authorization', as(userRef));
      expect(res.status).toBe(200);
      items = res.body.items;
      if (predicate(items)) return items;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    return items;
  }

  describe('GET /types', () => {
    it('lists the registered types with schemas', async () => {
      const res = await api()
        .get('/api/workflows/types')
        .set('Authorization', as(VICTOR));
      expect(res.status).toBe(200);
      expect(res.body.items.map((t: any) => t.name)).toEqual([
        'modelEvaluation',
        'batchInference',
        'modelPromotion',
      ]);
      expect(res.body.items[0].inputSchema.properties.model.enum).toContain(
        'local-sentiment',
      );
    });
    it('401 without credentials, 403 when reading is denied', async () => {
      expect(
        (
          await api()
            .get('/api/workflows/types')
            .set('Authorization', anonymous)
        ).status,
      ).toBe(401);
      expect(
        (
          await api()
            .get('/api/workflows/types')
            .set('Authorization', as(MALLORY))
        ).status,
      ).toBe(403);
    });
  });

  describe('POST /executions', () => {
    it('201: starts an evaluation that completes with a result', async () => {
      const res = await start(ALICE, {
        type: 'modelEvaluation',
        input: {
          model: 'local-sentiment',
          dataset: 'sentiment-small',
          limit: 10,
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.workflowId).toMatch(/^modelEvaluation-/);
      const done = await waitForStatus(res.body.workflowId, 'Completed');
      expect(done.result).toMatchObject({
        items: 10,
        model: 'local-sentiment',
      });
      expect(done.input).toMatchObject({
        model: 'local-sentiment',
        limit: 10,
        batchSize: 20,
      });
      expect(done.startedBy).toBe(ALICE);
      // its calls and its accuracy reach the metrics producer
      const own = metrics.events.filter(
        e => e.labels?.workflow_id === res.body.workflowId,
      );
      expect(own.length).toBeGreaterThan(0);
      expect(own.every(e => e.model === 'local-sentiment')).toBe(true);
    });
    it('400 names the bad input fields', async () => {
      const res = await start(ALICE, {
        type: 'modelEvaluation',
        input: { model: 'local-sentiment', batchSize: 'many' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /invalid input for modelEvaluation: \/batchSize must be integer/,
      );
      const unknown = await start(ALICE, { type: 'sleepForever', input: {} });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(
        /unknown workflow type "sleepForever"/,
      );
      const extra = await start(ALICE, {
        type: 'modelEvaluation',
        priority: 1,
      });
      expect(extra.status).toBe(400);
      expect(extra.body.error.message).toMatch(/invalid body/);
    });
    it('409 when the workflow id is already running', async () => {
      const workflowId = `promo-${randomUUID()}`;
      const body = {
        type: 'modelPromotion',
        workflowId,
        input: { model: 'm', toVersion: 'v1' },
      };
      expect((await start(ALICE, body)).status).toBe(201);
      const again = await start(ALICE, body);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(workflowId);
    });
    it('401 without credentials, 403 for a viewer', async () => {
      const body = {
        type: 'modelPromotion',
        input: { model: 'm', toVersion: 'v1' },
      };
      expect(
        (
          await api()
            .post('/api/workflows/executions')
            .set('Authorization', anonymous)
            .send(body)
        ).status,
      ).toBe(401);
      const res = await start(VICTOR, body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/workflows.execution.start/);
    });
  });

  describe('GET /executions and /executions/counts', () => {
    it('200: lists with filters, page tokens and counts by status', async () => {
      const mine = await startPromotion(TOM);
      await startPromotion(TOM);
      await startPromotion(TOM);
      const items = await listUntil(
        ALICE,
        `type=modelPromotion&startedBy=${encodeURIComponent(TOM)}&pageSize=2`,
        list => list.length === 2,
      );
      expect(items).toHaveLength(2);
      const first = await api()
        .get(
          `/api/workflows/executions?type=modelPromotion&startedBy=${encodeURIComponent(
            TOM,
          )}&pageSize=2`,
        )
        .set('Authorization', as(ALICE));
      expect(first.body.nextPageToken).toBeTruthy();
      const second = await api()
        .get(
          `/api/workflows/executions?type=modelPromotion&startedBy=${encodeURIComponent(
            TOM,
          )}&pageSize=2&pageToken=${first.body.nextPageToken}`,
        )
        .set('Authorization', as(ALICE));
      expect(second.status).toBe(200);
      const ids = [...first.body.items, ...second.body.items].map(
        (e: any) => e.workflowId,
      );
      expect(ids).toContain(mine.workflowId);
      expect(new Set(ids).size).toBe(ids.length);

      const byPrefix = await listUntil(
        ALICE,
        `idPrefix=${mine.workflowId}`,
        list => list.length === 1,
      );
      expect(byPrefix.map(e => e.workflowId)).toEqual([mine.workflowId]);

      const counts = await api()
        .get(
          `/api/workflows/executions/counts?startedBy=${encodeURIComponent(
            TOM,
          )}`,
        )
        .set('Authorization', as(ALICE));
      expect(counts.status).toBe(200);
      expect(counts.body.total).toBeGreaterThanOrEqual(3);
      expect(counts.body.byStatus.Running).toBeGreaterThanOrEqual(3);
    });
    it('conditional read: a team member sees only what he started', async () => {
      const his = await startPromotion(TOM);
      const other = await startPromotion(ALICE);
      const items = await listUntil(
        TOM,
        'type=modelPromotion&pageSize=1000',
        list => list.some(e => e.workflowId === his.workflowId),
      );
      expect(items.map(e => e.workflowId)).toContain(his.workflowId);
      expect(items.map(e => e.workflowId)).not.toContain(other.workflowId);
      expect(items.every(e => e.startedBy === TOM)).toBe(true);
      const detail = await api()
        .get(`/api/workflows/executions/${other.workflowId}`)
        .set('Authorization', as(TOM));
      expect(detail.status).toBe(403);
    });
    it('400 for a bad status, page size or timestamp', async () => {
      for (const query of [
        'status=Sleeping',
        'pageSize=0',
        'pageSize=5000',
        'from=yesterday',
        'order=random',
      ]) {
        const res = await api()
          .get(`/api/workflows/executions?${query}`)
          .set('Authorization', as(ALICE));
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
      }
      const counts = await api()
        .get('/api/workflows/executions/counts?status=Nope')
        .set('Authorization', as(ALICE));
      expect(counts.status).toBe(400);
    });
    it('401 without credentials, 403 when reading is denied', async () => {
      expect(
        (
          await api()
            .get('/api/workflows/executions')
            .set('Authorization', anonymous)
        ).status,
      ).toBe(401);
      expect(
        (
          await api()
            .get('/api/workflows/executions')
            .set('Authorization', as(MALLORY))
        ).status,
      ).toBe(403);
      expect(
        (
          await api()
            .get('/api/workflows/executions/counts')
            .set('Authorization', as(MALLORY))
        ).status,
      ).toBe(403);
    });
  });

  describe('GET /executions/:id and /history, POST /query', () => {
    it('200: describes, pages the history and runs a declared query', async () => {
      const { workflowId } = await startPromotion(OLIVIA);
      const detail = await api()
        .get(`/api/workflows/executions/${workflowId}`)
        .set('Authorization', as(VICTOR));
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        workflowId,
        type: 'modelPromotion',
        status: 'Running',
        startedBy: OLIVIA,
        signals: [{ name: 'approve' }, { name: 'reject' }],
      });
      const page1 = await api()
        .get(`/api/workflows/executions/${workflowId}/history?pageSize=1`)
        .set('Authorization', as(VICTOR));
      expect(page1.status).toBe(200);
      // Temporal pages by event batches: a page may hold more than pageSize
      expect(page1.body.events[0]).toMatchObject({
        eventId: '1',
        eventType: 'WorkflowExecutionStarted',
      });
      expect(page1.body.events[0].attributes.input).toMatchObject({
        model: 'local-sentiment',
      });
      expect(page1.body.events[0].attributes.workflowTaskTimeout).toBe('10s');
      expect(page1.body.nextPageToken).toBeTruthy();
      const page2 = await api()
        .get(
          `/api/workflows/executions/${workflowId}/history?pageSize=1&pageToken=${page1.body.nextPageToken}`,
        )
        .set('Authorization', as(VICTOR));
      const last = Number(
        page1.body.events[page1.body.events.length - 1].eventId,
      );
      expect(page2.body.events[0].eventId).toBe(String(last + 1));

      const q = await api()
        .post(`/api/workflows/executions/${workflowId}/query`)
        .set('Authorization', as(VICTOR))
        .send({ name: 'state' });
      expect(q.status).toBe(200);
      expect(q.body.result).toMatchObject({ stage: 'awaiting-decision' });
    });
    it('404 for an unknown execution, 400 for an undeclared query or bad paging', async () => {
      const missing = await api()
        .get('/api/workflows/executions/no-such-workflow')
        .set('Authorization', as(ALICE));
      expect(missing.status).toBe(404);
      const { workflowId } = await startPromotion(ALICE);
      const q = await api()
        .post(`/api/workflows/executions/${workflowId}/query`)
        .set('Authorization', as(ALICE))
        .send({ name: '__stack_trace' });
      expect(q.status).toBe(400);
      expect(q.body.error.message).toMatch(
        /modelPromotion has no query "__stack_trace"; it has: state/,
      );
      const h = await api()
        .get(`/api/workflows/executions/${workflowId}/history?pageSize=-1`)
        .set('Authorization', as(ALICE));
      expect(h.status).toBe(400);
    });
    it('401 without credentials, 403 when reading is denied', async () => {
      const { workflowId } = await startPromotion(ALICE);
      for (const path of [
        `/api/workflows/executions/${workflowId}`,
        `/api/workflows/executions/${workflowId}/history`,
      ]) {
        expect(
          (await api().get(path).set('Authorization', anonymous)).status,
        ).toBe(401);
        expect(
          (await api().get(path).set('Authorization', as(MALLORY))).status,
        ).toBe(403);
      }
      const q = (h: string) =>
        api()
          .post(`/api/workflows/executions/${workflowId}/query`)
          .set('Authorization', h)
          .send({ name: 'state' });
      expect((await q(anonymous)).status).toBe(401);
      expect((await q(as(MALLORY))).status).toBe(403);
    });
  });

  describe('POST /executions/:id/signal', () => {
    // who may decide: router.approval.test.ts
    it('200: another operator approves a promotion; the approver comes from her identity', async () => {
      const { workflowId } = await startPromotion(ALICE);
      const res = await api()
        .post(`/api/workflows/executions/${workflowId}/signal`)
        .set('Authorization', as(OLIVIA))
        .send({
          name: 'approve',
          payload: { comment: 'metrics look good', by: 'user:default/ceo' },
        });
      expect(res.status).toBe(200);
      const done = await waitForStatus(workflowId, 'Completed');
      expect(done.result).toMatchObject({
        outcome: 'promoted',
        decidedBy: OLIVIA,
        comment: 'metrics look good',
      });
    });
    it('400 for an undeclared signal or a bad body', async () => {
      const { workflowId } = await startPromotion(ALICE);
      const res = await api()
        .post(`/api/workflows/executions/${workflowId}/signal`)
        .set('Authorization', as(ALICE))
        .send({ name: 'skip' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /accepts no signal "skip"; it accepts: approve, reject/,
      );
      const bad = await api()
        .post(`/api/workflows/executions/${workflowId}/signal`)
        .set('Authorization', as(ALICE))
        .send({ name: 'approve', payload: 'yes' });
      expect(bad.status).toBe(400);
    });
    it("401 without credentials, 403 for an operator's own promotion and for a viewer", async () => {
      const { workflowId } = await startPromotion(OLIVIA);
      const send = (h: string) =>
        api()
          .post(`/api/workflows/executions/${workflowId}/signal`)
          .set('Authorization', h)
          .send({ name: 'approve' });
      expect((await send(anonymous)).status).toBe(401);
      const own = await send(as(OLIVIA));
      expect(own.status).toBe(403);
      expect(own.body.error.message).toMatch(/someone else must approve it/);
      const viewer = await send(as(VICTOR));
      expect(viewer.status).toBe(403);
      expect(viewer.body.error.message).toMatch(/workflows.promotion.approve/);
    });
  });

  describe('POST /executions/:id/cancel and /terminate', () => {
    it('200: cancel and terminate reach Temporal', async () => {
      const a = await startPromotion(OLIVIA);
      const c = await api()
        .post(`/api/workflows/executions/${a.workflowId}/cancel`)
        .set('Authorization', as(OLIVIA))
        .send({ reason: 'wrong version' });
      expect(c.status).toBe(200);
      await waitForStatus(a.workflowId, 'Canceled');

      const b = await startPromotion(OLIVIA);
      const t = await api()
        .post(`/api/workflows/executions/${b.workflowId}/terminate`)
        .set('Authorization', as(OLIVIA))
        .send({ reason: 'stuck' });
      expect(t.status).toBe(200);
      const done = await waitForStatus(b.workflowId, 'Terminated');
      expect(done.failure.message).toBe(`stuck (by ${OLIVIA})`);
    });
    it('400: terminate needs a reason; unknown fields are refused', async () => {
      const { workflowId } = await startPromotion(ALICE);
      const t = await api()
        .post(`/api/workflows/executions/${workflowId}/terminate`)
        .set('Authorization', as(ALICE))
        .send({ reason: '   ' });
      expect(t.status).toBe(400);
      expect(t.body.error.message).toMatch(/reason: a reason is required/);
      const c = await api()
        .post(`/api/workflows/executions/${workflowId}/cancel`)
        .set('Authorization', as(ALICE))
        .send({ force: true });
      expect(c.status).toBe(400);
    });
    it("401 without credentials; 403 for an operator on another team's workflow and for a viewer", async () => {
      const { workflowId } = await startPromotion(ALICE);
      for (const action of ['cancel', 'terminate']) {
        const send = (h: string) =>
          api()
            .post(`/api/workflows/executions/${workflowId}/${action}`)
            .set('Authorization', h)
            .send({ reason: 'no' });
        expect((await send(anonymous)).status).toBe(401);
        expect((await send(as(OLIVIA))).status).toBe(403);
        expect((await send(as(VICTOR))).status).toBe(403);
      }
      // still running: nothing was done
      const detail = await api()
        .get(`/api/workflows/executions/${workflowId}`)
        .set('Authorization', as(ALICE));
      expect(detail.body.status).toBe('Running');
    });
  });

  describe('POST /executions/batch and GET /batches/:jobId', () => {
    it("202: an operator's batch terminate reaches only her own executions", async () => {
      const hers = await startPromotion(OLIVIA);
      const others = await startPromotion(ALICE);
      await listUntil(
        ALICE,
        `idPrefix=${hers.workflowId}`,
        l => l.length === 1,
      );
      const res = await api()
        .post('/api/workflows/executions/batch')
        .set('Authorization', as(OLIVIA))
        .send({
          action: 'terminate',
          reason: 'cleanup',
          filter: { idPrefix: hers.workflowId.slice(0, -4) },
        });
      expect(res.status).toBe(202);
      expect(res.body.query).toContain(`ConsoleStartedBy IN ('${OLIVIA}')`);
      expect(res.body.matched).toBe(1);
      await waitForStatus(hers.workflowId, 'Terminated');
      const status = await api()
        .get(`/api/workflows/batches/${res.body.jobId}`)
        .set('Authorization', as(OLIVIA));
      expect(status.status).toBe(200);
      expect(status.body.jobId).toBe(res.body.jobId);
      const other = await api()
        .get(`/api/workflows/executions/${others.workflowId}`)
        .set('Authorization', as(ALICE));
      expect(other.body.status).toBe('Running');
    });
    it('400 for a bad action or a missing reason', async () => {
      for (const body of [
        { action: 'pause', reason: 'x' },
        { action: 'cancel' },
      ]) {
        const res = await api()
          .post('/api/workflows/executions/batch')
          .set('Authorization', as(ALICE))
          .send(body);
        expect(res.status).toBe(400);
      }
    });
    it('401 without credentials, 403 for a viewer; 404 for an unknown job', async () => {
      const body = { action: 'cancel', reason: 'x' };
      expect(
        (
          await api()
            .post('/api/workflows/executions/batch')
            .set('Authorization', anonymous)
            .send(body)
        ).status,
      ).toBe(401);
      expect(
        (
          await api()
            .post('/api/workflows/executions/batch')
            .set('Authorization', as(VICTOR))
            .send(body)
        ).status,
      ).toBe(403);
      expect(
        (
          await api()
            .get('/api/workflows/batches/nope')
            .set('Authorization', as(VICTOR))
        ).status,
      ).toBe(403);
      expect(
        (
          await api()
            .get('/api/workflows/batches/nope')
            .set('Authorization', anonymous)
        ).status,
      ).toBe(401);
      expect(
        (
          await api()
            .get('/api/workflows/batches/nope')
            .set('Authorization', as(ALICE))
        ).status,
      ).toBe(404);
    });
  });

  describe('GET /health, /openapi.json, /metrics', () => {
    it('/metrics is the Prometheus exposition; 403 unless the caller may read every execution', async () => {
      const res = await api()
        .get('/api/workflows/metrics')
        .set('Authorization', as(VICTOR));
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.text).toContain(
        '# TYPE ai_console_workflow_executions_closed_total counter',
      );
      expect(
        (
          await api()
            .get('/api/workflows/metrics')
            .set('Authorization', as(MALLORY))
        ).status,
      ).toBe(403);
      // the counts are of every execution: not for who reads only his own
      const partial = await api()
        .get('/api/workflows/metrics')
        .set('Authorization', as(TOM));
      expect(partial.status).toBe(403);
      expect(partial.body.error.message).toMatch(
        /the metrics count every execution/,
      );
    });
    it('200 with credentials, 401 without', async () => {
      for (const path of [
        '/api/workflows/health',
        '/api/workflows/openapi.json',
        '/api/workflows/metrics',
      ]) {
        expect(
          (await api().get(path).set('Authorization', as(VICTOR))).status,
        ).toBe(200);
        expect(
          (await api().get(path).set('Authorization', anonymous)).status,
        ).toBe(401);
      }
    });
  });

  // Found by fuzzing the OpenAPI document (scripts/fuzz.sh): each of these
  // was a 503 after Temporal's client had retried for the whole deadline, or
  // was read as an empty body. Now a 400 at once.
  describe('bad input found by fuzzing', () => {
    const get = (path: string) =>
      api().get(path).set('Authorization', as(ALICE));

    it('400 at once for NUL in a visibility filter', async () => {
      for (const path of [
        '/api/workflows/executions?startedBy=a%00b',
        '/api/workflows/executions?idPrefix=%00',
        '/api/workflows/executions?type=modelPromotion,a%00',
        '/api/workflows/executions/counts?idPrefix=a%00',
      ]) {
        const began = Date.now();
        const res = await get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.message).toMatch(/NUL/);
        expect(Date.now() - began).toBeLessThan(1000);
      }
      const batch = await api()
        .post('/api/workflows/executions/batch')
        .set('Authorization', as(ALICE))
        .send({
          action: 'cancel',
          reason: 'x',
          filter: { idPrefix: 'a\u0000' },
        });
      expect(batch.status).toBe(400);
      expect(batch.body.error.message).toMatch(/filter\.idPrefix: .*NUL/);
    });

    it('400 at once for a page token the list did not hand out', async () => {
      for (const token of ['AAAA', 'eyJhIjoxfQ', 'A'.repeat(40)]) {
        const began = Date.now();
        const res = await get(`/api/workflows/executions?pageToken=${token}`);
        expect({ token, status: res.status }).toEqual({ token, status: 400 });
        expect(res.body.error.message).toMatch(/pageToken/);
        expect(Date.now() - began).toBeLessThan(1000);
      }
    });

    it('400 for a page size that is not an integer in digits', async () => {
      for (const pageSize of ['%205', '1e1', '0x10']) {
        const res = await get(`/api/workflows/executions?pageSize=${pageSize}`);
        expect({ pageSize, status: res.status }).toEqual({
          pageSize,
          status: 400,
        });
        expect(res.body.error.message).toMatch(/pageSize: an integer/);
      }
    });

    it('400 for a run id that is not a UUID', async () => {
      const { workflowId } = await startPromotion(ALICE);
      const res = await get(`/api/workflows/executions/${workflowId}?runId=`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/runId: a run id is a UUID/);
      const cancel = await api()
        .post(`/api/workflows/executions/${workflowId}/cancel`)
        .set('Authorization', as(ALICE))
        .send({ runId: 'latest' });
      expect(cancel.status).toBe(400);
    });

    it('400 when a route that needs a JSON body gets none', async () => {
      const { workflowId } = await startPromotion(ALICE);
      for (const r of [
        api().post(`/api/workflows/executions/${workflowId}/cancel`),
        api()
          .post(`/api/workflows/executions/${workflowId}/cancel`)
          .set('Content-Type', 'text/plain')
          .send('{"reason":"as text"}'),
        api().post('/api/workflows/executions'),
        api().post('/api/workflows/executions/batch'),
      ]) {
        const res = await r.set('Authorization', as(ALICE));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/a JSON body is required/);
      }
      const detail = await get(`/api/workflows/executions/${workflowId}`);
      expect(detail.body.status).toBe('Running');
    });
  });
});
