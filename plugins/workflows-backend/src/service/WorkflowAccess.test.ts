import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  WORKFLOW_RESOURCE_TYPE,
  workflowBatchPermission,
  workflowCancelPermission,
  workflowReadPermission,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { allow, deny, policyAccess, startedBy } from './__testUtils__/policy';
import { buildQuery } from './visibility';
import { userRefOf } from './WorkflowAccess';

// alice may do everything, tom only what concerns the executions he
// started, nina only what runs in namespace team-a, mallory nothing
const ALICE = 'user:default/alice';
const TOM = 'user:default/tom';
const NINA = 'user:default/nina';
const MALLORY = 'user:default/mallory';

const inTeamA: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'workflows',
  resourceType: WORKFLOW_RESOURCE_TYPE,
  conditions: {
    rule: 'IN_NAMESPACE',
    resourceType: WORKFLOW_RESOURCE_TYPE,
    params: { namespaces: ['team-a'] },
  },
};

const access = (namespace = 'default') =>
  policyAccess((_permission, userRef) => {
    if (userRef === ALICE) return allow;
    if (userRef === TOM) return startedBy(TOM);
    if (userRef === NINA) return inTeamA;
    return deny;
  }, namespace);
const as = (userRef: string) => mockCredentials.user(userRef);
const execution = (owner?: string) => ({
  workflowId: 'promotion-1',
  type: 'modelPromotion',
  namespace: 'default',
  startedBy: owner,
});

describe('WorkflowAccess', () => {
  it('lets a reader of some executions through, and no one else', async () => {
    await expect(access().requireSomeRead(as(ALICE))).resolves.toBeUndefined();
    await expect(access().requireSomeRead(as(TOM))).resolves.toBeUndefined();
    await expect(access().requireSomeRead(as(MALLORY))).rejects.toThrow(
      NotAllowedError,
    );
  });

  it('keeps counts over every execution from a reader of some', async () => {
    await expect(access().requireFullRead(as(ALICE))).resolves.toBeUndefined();
    await expect(access().requireFullRead(as(TOM))).rejects.toThrow(
      'the metrics count every execution; they need workflows.execution.read on all of them',
    );
  });

  it('turns a conditional decision into a visibility query fragment', async () => {
    expect(
      await access().queryFragment(workflowReadPermission, as(ALICE)),
    ).toBeUndefined();
    expect(await access().queryFragment(workflowReadPermission, as(TOM))).toBe(
      "ConsoleStartedBy IN ('user:default/tom')",
    );
    await expect(
      access().queryFragment(workflowCancelPermission, as(MALLORY)),
    ).rejects.toThrow('you may not use workflows.execution.cancel');
  });

  it('decides a namespace condition against the namespace it serves', async () => {
    const here = await access('team-a').queryFragment(
      workflowReadPermission,
      as(NINA),
    );
    expect(buildQuery({}, here)).toBe('');
    const elsewhere = await access('default').queryFragment(
      workflowReadPermission,
      as(NINA),
    );
    expect(buildQuery({}, elsewhere)).toBeUndefined();
  });

  it('applies a conditional decision to one execution', async () => {
    await expect(
      access().requireResource(
        workflowCancelPermission,
        as(TOM),
        execution(TOM),
      ),
    ).resolves.toBeUndefined();
    await expect(
      access().requireResource(
        workflowCancelPermission,
        as(TOM),
        execution(ALICE),
      ),
    ).rejects.toThrow(
      'you may not use workflows.execution.cancel on promotion-1',
    );
    // started outside the console: no one to match
    await expect(
      access().requireResource(workflowReadPermission, as(TOM), execution()),
    ).rejects.toThrow(NotAllowedError);
  });

  it('refuses a basic permission that is not plainly allowed', async () => {
    await expect(
      access().gate.require(as(ALICE), workflowBatchPermission),
    ).resolves.toBeUndefined();
    await expect(
      access().gate.require(as(TOM), workflowBatchPermission),
    ).rejects.toThrow('you may not use workflows.execution.batch');
  });
});

describe('four eyes on decisions', () => {
  const started = execution('user:default/olivia');
  const auditor = mockServices.auditor.mock();
  const decider = policyAccess(() => allow, 'default', auditor);
  beforeEach(() => auditor.createEvent.mockClear());

  it('lets another user decide', async () => {
    await expect(
      decider.requireSomeoneElse({
        credentials: as(ALICE),
        name: 'approve',
        resource: started,
      }),
    ).resolves.toBeUndefined();
    // started outside the console: no starter to compare with
    await expect(
      decider.requireSomeoneElse({
        credentials: as(ALICE),
        name: 'approve',
        resource: execution(),
      }),
    ).resolves.toBeUndefined();
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });

  it('refuses the user who started it, whatever the case of the ref, and audits it', async () => {
    await expect(
      decider.requireSomeoneElse({
        credentials: as('user:default/Olivia'),
        name: 'reject',
        resource: started,
      }),
    ).rejects.toThrow(
      'you started promotion-1, so someone else must reject it',
    );
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'permission-denied',
      severityLevel: 'medium',
      meta: {
        actor: 'user:default/Olivia',
        permission: 'workflows.promotion.approve',
        resourceRef: 'promotion-1',
      },
    });
  });

  it("refuses a service: a decision is a person's", async () => {
    await expect(
      decider.requireSomeoneElse({
        credentials: mockCredentials.service(),
        name: 'approve',
        resource: started,
      }),
    ).rejects.toThrow('only a user can approve');
    expect(userRefOf(mockCredentials.service())).toBeUndefined();
    expect(userRefOf(as(TOM))).toBe(TOM);
  });
});
