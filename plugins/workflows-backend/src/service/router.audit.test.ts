import {
  createServiceFactory,
  coreServices,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { workflowsPlugin } from '../plugin';

// Every action that changes executions is an event of Backstage's own auditor
// (the default one, which writes to the plugin's logger): who, on what, and
// whether it succeeded; refused attempts too. Against the real Temporal dev
// server, with no worker: started executions wait for a decision.
//   alice  may do everything
//   sam    starts the executions the others act on
//   victor may read, nothing else
const address = process.env.TEMPORAL_ADDRESS!;
jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const SAM = 'user:default/sam';
const VICTOR = 'user:default/victor';
const as = (userRef: string) => mockCredentials.user.header(userRef);

type Line = { message: string; fields: Record<string, any> };

/** A logger that keeps every line with the fields of its children. */
function recordingLogger(
  lines: Line[],
  fields: Record<string, unknown> = {},
): LoggerService {
  const log = (message: string, meta?: unknown) => {
    const extra =
      meta instanceof Error ? { error: meta } : (meta as object | undefined);
    lines.push({ message, fields: { ...fields, ...extra } });
  };
  return {
    child: meta => recordingLogger(lines, { ...fields, ...meta }),
    debug: log,
    info: log,
    warn: log,
    error: log,
  };
}

describe('audit events of the workflows routes', () => {
  const lines: Line[] = [];
  const prefix = `audit-${randomUUID()}`;
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        workflowsPlugin,
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => recordingLogger(lines),
        }),
        mockServices.rootConfig.factory({
          data: {
            workflows: {
              temporal: {
                address,
                namespace: 'default',
                taskQueue: `nobody-polls-${randomUUID()}`,
                registerSearchAttributes: true,
              },
              worker: { enabled: false },
              liveUpdates: { enabled: false },
            },
          },
        }),
        mockServices.permissions.mock({
          async authorize(requests, options) {
            const user = (options?.credentials?.principal as any)
              ?.userEntityRef;
            return requests.map(r => ({
              result:
                user === ALICE ||
                (user === SAM &&
                  r.permission.name === 'workflows.execution.start')
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            }));
          },
          async authorizeConditional(requests, options) {
            const user = (options?.credentials?.principal as any)
              ?.userEntityRef;
            return requests.map(r => ({
              result:
                user === ALICE ||
                r.permission.name === 'workflows.execution.read'
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            })) as any;
          },
        }).factory,
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(() => stop?.());

  /** The audit events of one request, by the path it was sent to. */
  const auditOf = (path: string) =>
    lines
      .filter(l => l.fields.isAuditEvent && l.fields.request?.url === path)
      .map(l => ({
        eventId: l.fields.eventId,
        status: l.fields.status,
        actor: l.fields.actor?.actorId,
        meta: l.fields.meta ?? {},
        error: l.fields.error?.name,
      }));

  async function startPromotion() {
    const res = await request(server)
      .post('/api/workflows/executions')
      .set('Authorization', as(SAM))
      .send({
        type: 'modelPromotion',
        workflowId: `${prefix}-${randomUUID()}`,
        input: { model: 'm', toVersion: 'v1' },
      });
    expect(res.status).toBe(201);
    return res.body as { workflowId: string; runId: string };
  }

  it.each([
    ['cancel', { reason: 'wrong version' }, 'workflow-cancel'],
    ['terminate', { reason: 'stuck' }, 'workflow-terminate'],
    ['signal', { name: 'reject', payload: {} }, 'workflow-signal'],
  ])(
    'a refused %s is a failed event with the actor and the target run',
    async (action, body, eventId) => {
      const { workflowId, runId } = await startPromotion();
      const path = `/api/workflows/executions/${workflowId}/${action}`;
      const res = await request(server)
        .post(path)
        .set('Authorization', as(VICTOR))
        .send({ ...body, runId });
      expect(res.status).toBe(403);
      const events = auditOf(path);
      expect(events.map(e => e.status)).toEqual(['initiated', 'failed']);
      expect(events[1]).toMatchObject({
        eventId,
        actor: VICTOR,
        meta: { workflowId, runId },
        error: 'NotAllowedError',
      });
    },
  );

  it.each([
    ['cancel', { reason: 'wrong version' }, 'workflow-cancel'],
    ['terminate', { reason: 'stuck' }, 'workflow-terminate'],
    ['signal', { name: 'approve', payload: {} }, 'workflow-signal'],
  ])(
    'a %s that succeeds is a succeeded event with the actor and the target run',
    async (action, body, eventId) => {
      const { workflowId, runId } = await startPromotion();
      const path = `/api/workflows/executions/${workflowId}/${action}`;
      const res = await request(server)
        .post(path)
        .set('Authorization', as(ALICE))
        .send(body);
      expect(res.status).toBe(200);
      const events = auditOf(path);
      expect(events.map(e => e.status)).toEqual(['initiated', 'succeeded']);
      expect(events[1]).toMatchObject({
        eventId,
        actor: ALICE,
        meta: { workflowId, runId },
      });
    },
  );

  it.each([
    ['cancel', { reason: 'wrong version' }, 'workflows.execution.cancel'],
    ['terminate', { reason: 'stuck' }, 'workflows.execution.terminate'],
    ['signal', { name: 'approve', payload: {} }, 'workflows.promotion.approve'],
  ])(
    'a refused %s is also a permission-denied event naming the actor, the permission and the execution',
    async (action, body, permission) => {
      const { workflowId } = await startPromotion();
      const res = await request(server)
        .post(`/api/workflows/executions/${workflowId}/${action}`)
        .set('Authorization', as(VICTOR))
        .send(body);
      expect(res.status).toBe(403);
      const denied = lines.filter(
        l =>
          l.fields.isAuditEvent &&
          l.fields.eventId === 'permission-denied' &&
          l.fields.status === 'failed' &&
          l.fields.meta?.resourceRef === workflowId,
      );
      expect(denied.map(l => [l.fields.severityLevel, l.fields.meta])).toEqual([
        ['medium', { actor: VICTOR, permission, resourceRef: workflowId }],
      ]);
    },
  );

  it('a start is an event with the actor, and the started run once it succeeded', async () => {
    const workflowId = `${prefix}-start-${randomUUID()}`;
    const path = '/api/workflows/executions';
    const body = {
      type: 'modelPromotion',
      workflowId,
      input: { model: 'm', toVersion: 'v1' },
    };
    const refused = await request(server)
      .post(path)
      .set('Authorization', as(VICTOR))
      .send(body);
    expect(refused.status).toBe(403);
    const started = await request(server)
      .post(path)
      .set('Authorization', as(ALICE))
      .send(body);
    expect(started.status).toBe(201);
    const events = auditOf(path).filter(e => e.meta.workflowId === workflowId);
    expect(events).toEqual([
      expect.objectContaining({ status: 'initiated', actor: VICTOR }),
      expect.objectContaining({
        status: 'failed',
        actor: VICTOR,
        eventId: 'workflow-start',
        error: 'NotAllowedError',
      }),
      expect.objectContaining({ status: 'initiated', actor: ALICE }),
      expect.objectContaining({
        status: 'succeeded',
        actor: ALICE,
        meta: expect.objectContaining({
          type: 'modelPromotion',
          workflowId,
          runId: started.body.runId,
        }),
      }),
    ]);
  });

  it('a batch is an event with the actor, the filter and the outcome', async () => {
    const { workflowId } = await startPromotion();
    const path = '/api/workflows/executions/batch';
    const body = {
      action: 'terminate',
      reason: 'cleanup',
      filter: { idPrefix: workflowId },
    };
    const refused = await request(server)
      .post(path)
      .set('Authorization', as(VICTOR))
      .send(body);
    expect(refused.status).toBe(403);
    const done = await request(server)
      .post(path)
      .set('Authorization', as(ALICE))
      .send(body);
    expect(done.status).toBe(202);
    const events = auditOf(path).filter(
      e => e.meta.filter?.idPrefix === workflowId,
    );
    expect(events.map(e => [e.actor, e.status])).toEqual([
      [VICTOR, 'initiated'],
      [VICTOR, 'failed'],
      [ALICE, 'initiated'],
      [ALICE, 'succeeded'],
    ]);
    expect(events[3]).toMatchObject({
      eventId: 'workflow-batch-terminate',
      meta: { jobId: done.body.jobId, action: 'terminate' },
    });
  });
});
