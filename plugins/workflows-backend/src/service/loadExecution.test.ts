import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { workflowCancelPermission } from '@ai-ops-console/backstage-plugin-workflows-common';
import { policyAccess, startedBy } from './__testUtils__/policy';
import { testTemporal, waitingExecutions } from './__testUtils__/temporal';
import { loadExecution, loadExecutionFor } from './loadExecution';

// Against the real Temporal dev server (TEMPORAL_ADDRESS).
const TOM = 'user:default/tom';
const OLIVIA = 'user:default/olivia';

describe('loading one execution', () => {
  const temporal = testTemporal();
  const executions = waitingExecutions(temporal);
  // everyone may cancel only what they started
  const access = policyAccess((_permission, userRef) =>
    startedBy(userRef ?? ''),
  );
  afterAll(async () => {
    await executions.closeAll();
    await temporal.close();
  });

  it('shows the execution to permission rules as who started it, and where', async () => {
    const { workflowId, runId } = await executions.start({ startedBy: TOM });
    const loaded = await loadExecution({ temporal, workflowId });
    expect(loaded.resource).toEqual({
      workflowId,
      type: 'modelPromotion',
      namespace: 'default',
      startedBy: TOM,
    });
    // the latest run when none was asked for
    expect(loaded.runId).toBe(runId);
    expect(loaded.description.status.name).toBe('RUNNING');
  });

  it('has no starter for an execution started outside the console', async () => {
    const { workflowId } = await executions.start();
    const loaded = await loadExecution({ temporal, workflowId });
    expect(loaded.resource.startedBy).toBeUndefined();
  });

  it('answers 404 for an execution that does not exist, 400 without an id', async () => {
    await expect(
      loadExecution({ temporal, workflowId: 'no-such-execution' }),
    ).rejects.toThrow(NotFoundError);
    await expect(loadExecution({ temporal, workflowId: '' })).rejects.toThrow(
      InputError,
    );
  });

  it('loads an execution for a permission only when the caller holds it on that execution', async () => {
    const { workflowId } = await executions.start({ startedBy: TOM });
    const load = (userRef: string) =>
      loadExecutionFor({
        temporal,
        access,
        permission: workflowCancelPermission,
        credentials: mockCredentials.user(userRef),
        workflowId,
      });
    await expect(load(TOM)).resolves.toMatchObject({
      resource: { workflowId, startedBy: TOM },
    });
    await expect(load(OLIVIA)).rejects.toThrow(NotAllowedError);
  });
});
