import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { workflowApprovePermission } from '@ai-ops-console/backstage-plugin-workflows-common';
import { randomUUID } from 'node:crypto';
import { allow, deny, policyAccess, startedBy } from './__testUtils__/policy';
import {
  eventually,
  testRegistry,
  testTemporal,
  waitingExecutions,
} from './__testUtils__/temporal';
import { ExecutionActions } from './ExecutionActions';
import { loadExecution } from './loadExecution';
import { decodePayloads } from './temporalConvert';

// Against the real Temporal dev server (TEMPORAL_ADDRESS), with no worker:
// executions wait, so what an action did shows in their history.
//   alice   admin: everything
//   olivia  operator: starts, approves, batches; signals, cancels and
//           terminates only what she started
//   tom     starts, nothing else
//   mallory nothing
const ALICE = 'user:default/alice';
const OLIVIA = 'user:default/olivia';
const TOM = 'user:default/tom';
const MALLORY = 'user:default/mallory';
jest.setTimeout(60_000);

const OWN_ONLY = [
  'workflows.execution.signal',
  'workflows.execution.cancel',
  'workflows.execution.terminate',
];

describe('ExecutionActions', () => {
  const temporal = testTemporal();
  const waiting = waitingExecutions(temporal);
  const actions = new ExecutionActions({
    temporal,
    registry: testRegistry(),
    access: policyAccess((permission, user) => {
      const userRef = user?.toLocaleLowerCase('en-US');
      if (userRef === ALICE) return allow;
      if (userRef === OLIVIA) {
        return OWN_ONLY.includes(permission) ? startedBy(OLIVIA) : allow;
      }
      if (userRef === TOM) {
        return permission === 'workflows.execution.start' ? allow : deny;
      }
      return deny;
    }),
  });
  const as = (userRef: string) => mockCredentials.user(userRef);
  afterAll(async () => {
    await waiting.closeAll();
    await temporal.close();
  });

  async function start(userRef: string, workflowId?: string) {
    const result = await actions.start({
      credentials: as(userRef),
      type: 'modelPromotion',
      input: { model: 'local-sentiment', toVersion: 'v2' },
      workflowId,
    });
    waiting.track(result.workflowId);
    return result;
  }

  /** The history events of one execution with the given attributes. */
  async function eventsOf(workflowId: string, attributes: string) {
    const history = await temporal
      .getClient()
      .workflow.getHandle(workflowId)
      .fetchHistory();
    return (history.events ?? [])
      .map(e => (e as Record<string, any>)[attributes])
      .filter(Boolean);
  }

  it('starts an execution on the console task queue, recording who started it', async () => {
    const workflowId = `actions-${randomUUID()}`;
    const result = await start('user:default/Tom', workflowId);
    expect(result).toEqual({ workflowId, runId: expect.any(String) });
    const { description, resource } = await loadExecution({
      temporal,
      workflowId,
    });
    expect(description.taskQueue).toBe(temporal.settings.taskQueue);
    // as the search attribute stores it: lower case, for IS_STARTED_BY
    expect(resource.startedBy).toBe(TOM);
    await expect(start(TOM, workflowId)).rejects.toThrow(ConflictError);
  });

  it('refuses a start without the permission, or with input the type rejects', async () => {
    await expect(start(MALLORY)).rejects.toThrow(
      'you may not use workflows.execution.start',
    );
    await expect(
      actions.start({
        credentials: as(TOM),
        type: 'modelPromotion',
        input: { model: 'local-sentiment' },
      }),
    ).rejects.toThrow(InputError);
  });

  it('sends a decision as the caller, whoever the body names', async () => {
    const { workflowId } = await start(OLIVIA);
    await actions.signal({
      credentials: as(ALICE),
      workflowId,
      name: 'approve',
      payload: { comment: 'fine', by: MALLORY },
    });
    const [signaled] = await eventsOf(
      workflowId,
      'workflowExecutionSignaledEventAttributes',
    );
    expect(signaled.signalName).toBe('approve');
    expect(decodePayloads(signaled.input)).toEqual({
      comment: 'fine',
      by: ALICE,
    });
  });

  it.each([
    [OLIVIA, 'approve', 'you started'],
    [TOM, 'approve', `you may not use ${workflowApprovePermission.name}`],
    [TOM, 'reject', `you may not use ${workflowApprovePermission.name}`],
  ])(
    'refuses %s to %s an execution Olivia started (%s)',
    async (userRef, name, message) => {
      const { workflowId } = await start(OLIVIA);
      await expect(
        actions.signal({ credentials: as(userRef), workflowId, name }),
      ).rejects.toThrow(message);
    },
  );

  it('refuses a signal the type does not declare, naming those it does', async () => {
    const { workflowId } = await start(OLIVIA);
    await expect(
      actions.signal({ credentials: as(OLIVIA), workflowId, name: 'skip' }),
    ).rejects.toThrow(
      'modelPromotion accepts no signal "skip"; it accepts: approve, reject',
    );
  });

  it('cancels and terminates only what the caller may, saying who terminated', async () => {
    const mine = await start(OLIVIA);
    const alices = await start(ALICE);
    await expect(
      actions.cancel({
        credentials: as(OLIVIA),
        workflowId: alices.workflowId,
      }),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      actions.terminate({
        credentials: as(OLIVIA),
        workflowId: alices.workflowId,
        reason: 'mine now',
      }),
    ).rejects.toThrow(NotAllowedError);

    expect(await actions.cancel({ credentials: as(OLIVIA), ...mine })).toEqual(
      mine,
    );
    expect(
      await eventsOf(
        mine.workflowId,
        'workflowExecutionCancelRequestedEventAttributes',
      ),
    ).toHaveLength(1);
    await actions.terminate({
      credentials: as(OLIVIA),
      workflowId: mine.workflowId,
      reason: 'stuck',
    });
    const [terminated] = await eventsOf(
      mine.workflowId,
      'workflowExecutionTerminatedEventAttributes',
    );
    expect(terminated.reason).toBe(`stuck (by ${OLIVIA})`);
  });

  it('terminates in one batch the running executions of the filter that the caller may, and reports the batch', async () => {
    const idPrefix = `batch-${randomUUID()}`;
    const olivias = [
      await waiting.start({ startedBy: OLIVIA, idPrefix }),
      await waiting.start({ startedBy: OLIVIA, idPrefix }),
    ];
    const alices = await waiting.start({ startedBy: ALICE, idPrefix });
    await eventually(
      () =>
        temporal
          .getClient()
          .workflow.count(`WorkflowId STARTS_WITH '${idPrefix}'`),
      c => c.count === 3,
    );

    const batch = await actions.batch({
      credentials: as(OLIVIA),
      action: 'terminate',
      reason: 'clean up',
      filter: { idPrefix },
    });
    expect(batch.query).toBe(
      `(ExecutionStatus IN ('Running') AND WorkflowId STARTS_WITH '${idPrefix}' AND ConsoleStartedBy IN ('${OLIVIA}'))`,
    );
    expect(batch.matched).toBe(2);

    const status = await eventually(
      () =>
        actions.batchStatus({ credentials: as(OLIVIA), jobId: batch.jobId }),
      s => s.state === 'completed',
    );
    expect(status).toMatchObject({
      state: 'completed',
      total: 2,
      completed: 2,
    });
    const statusOf = async (workflowId: string) =>
      (await loadExecution({ temporal, workflowId })).description.status.name;
    for (const { workflowId } of olivias) {
      expect(await statusOf(workflowId)).toBe('TERMINATED');
    }
    expect(await statusOf(alices.workflowId)).toBe('RUNNING');
  });

  it('refuses a batch and its status without the batch permission', async () => {
    const batch = (userRef: string) =>
      actions.batch({
        credentials: as(userRef),
        action: 'cancel',
        reason: 'r',
        filter: {},
      });
    await expect(batch(TOM)).rejects.toThrow(
      'you may not use workflows.execution.batch',
    );
    await expect(
      actions.batchStatus({ credentials: as(TOM), jobId: 'any' }),
    ).rejects.toThrow(NotAllowedError);
  });
});
