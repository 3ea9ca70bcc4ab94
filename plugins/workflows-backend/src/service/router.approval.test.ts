import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { workflowsPlugin } from '../plugin';
import { startedBy } from './__testUtils__/policy';

// Four eyes on decisions: approve and reject need the approve permission and
// someone other than the user who started the execution. Against the real
// Temporal dev server, with no worker: executions wait for their decision.
//   alice  admin: everything
//   olivia, oscar operators: start; approve; signal only what they started
//   sam    may send any signal but not approve
//   victor viewer: reads only
const address = process.env.TEMPORAL_ADDRESS!;
jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const OLIVIA = 'user:default/olivia';
const OSCAR = 'user:default/oscar';
const SAM = 'user:default/sam';
const VICTOR = 'user:default/victor';
const SERVICE = 'service';
const ANONYMOUS = 'anonymous';

const allow = { result: AuthorizeResult.ALLOW } as const;
const deny = { result: AuthorizeResult.DENY } as const;

function decide(permission: string, user: string | undefined): PolicyDecision {
  const ref = user?.toLocaleLowerCase('en-US');
  if (ref === ALICE) return allow;
  if (permission === 'workflows.execution.read') return allow;
  if (ref === OLIVIA || ref === OSCAR) {
    if (permission === 'workflows.execution.signal') return startedBy(ref);
    return allow;
  }
  if (ref === SAM && permission === 'workflows.execution.signal') return allow;
  return deny;
}

const userOf = (options: any): string | undefined =>
  options?.credentials?.principal?.userEntityRef;

describe('approve and reject', () => {
  let server: any;
  let stop: () => Promise<void>;
  let connection: Connection;
  const taskQueue = `nobody-polls-${randomUUID()}`;

  beforeAll(async () => {
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
              worker: { enabled: false },
              liveUpdates: { enabled: false },
            },
          },
        }),
        mockServices.permissions.mock({
          async authorize(requests, options) {
            return requests.map(r => {
              const d = decide(r.permission.name, userOf(options));
              return d.result === AuthorizeResult.ALLOW ? allow : deny;
            });
          },
          async authorizeConditional(requests, options) {
            return requests.map(r =>
              decide(r.permission.name, userOf(options)),
            ) as any;
          },
        }).factory,
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    connection = await Connection.connect({ address });
  });
  afterAll(async () => {
    await stop?.();
    await connection?.close();
  });

  const header = (caller: string) => {
    if (caller === SERVICE) return mockCredentials.service.header();
    if (caller === ANONYMOUS) return mockCredentials.none.header();
    return mockCredentials.user.header(caller);
  };

  async function startPromotion(starter: string) {
    const res = await request(server)
      .post('/api/workflows/executions')
      .set('Authorization', header(starter))
      .send({
        type: 'modelPromotion',
        input: { model: 'm', toVersion: `v-${randomUUID().slice(0, 8)}` },
      });
    expect(res.status).toBe(201);
    return res.body.workflowId as string;
  }

  it.each([
    // [who, starter, caller, signal, status, message]
    [
      'the starter, an operator',
      OLIVIA,
      OLIVIA,
      'approve',
      403,
      /^you started modelPromotion-[0-9a-f-]+, so someone else must approve it$/,
    ],
    [
      'the starter, rejecting',
      OLIVIA,
      OLIVIA,
      'reject',
      403,
      /so someone else must reject it$/,
    ],
    [
      'the starter, under another spelling',
      OLIVIA,
      'user:default/Olivia',
      'approve',
      403,
      /so someone else must approve it$/,
    ],
    [
      'the starter, an admin',
      ALICE,
      ALICE,
      'approve',
      403,
      /so someone else must approve it$/,
    ],
    ['another operator', OLIVIA, OSCAR, 'approve', 200, undefined],
    ['another operator, rejecting', OLIVIA, OSCAR, 'reject', 200, undefined],
    ['an admin', OLIVIA, ALICE, 'approve', 200, undefined],
    [
      'a user who may signal but not approve',
      OLIVIA,
      SAM,
      'approve',
      403,
      /workflows\.promotion\.approve/,
    ],
    [
      'a viewer',
      OLIVIA,
      VICTOR,
      'approve',
      403,
      /workflows\.promotion\.approve/,
    ],
    ['a service', OLIVIA, SERVICE, 'approve', 403, /only a user can approve/],
    ['an anonymous caller', OLIVIA, ANONYMOUS, 'approve', 401, undefined],
  ] as const)(
    '%s: %s started, %s sends %s → %i',
    async (_who, starter, caller, signal, status, message) => {
      const workflowId = await startPromotion(starter);
      const res = await request(server)
        .post(`/api/workflows/executions/${workflowId}/signal`)
        .set('Authorization', header(caller))
        .send({ name: signal, payload: { comment: 'looks fine' } });
      expect(res.status).toBe(status);
      expect(res.body.error?.message ?? '').toMatch(message ?? /.*/);
    },
  );

  it('the approve permission, not the signal one, decides for a type the console does not know', async () => {
    // started outside the console: no type registration, no starter
    const client = new Client({ connection, namespace: 'default' });
    const handle = await client.workflow.start('externalApproval', {
      taskQueue,
      workflowId: `external-${randomUUID()}`,
    });
    const send = (caller: string) =>
      request(server)
        .post(`/api/workflows/executions/${handle.workflowId}/signal`)
        .set('Authorization', header(caller))
        .send({ name: 'approve', payload: { by: 'user:default/ceo' } });
    const refused = await send(SAM);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/workflows\.promotion\.approve/);
    expect((await send(OSCAR)).status).toBe(200);
    const history = await handle.fetchHistory();
    const signals = (history.events ?? []).flatMap(e =>
      e.workflowExecutionSignaledEventAttributes
        ? [e.workflowExecutionSignaledEventAttributes]
        : [],
    );
    expect(signals).toHaveLength(1);
    const payload = signals[0].input?.payloads?.[0]?.data;
    expect(JSON.parse(Buffer.from(payload!).toString())).toEqual({ by: OSCAR });
    await handle.terminate('test');
  });
});
