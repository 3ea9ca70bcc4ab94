import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { AuditTrail } from '../audit/AuditTrail';
import {
  PERMISSION_SERVICE_UNAVAILABLE,
  PermissionGate,
} from './PermissionGate';

const read = createPermission({
  name: 'thing.read',
  attributes: { action: 'read' },
});
const manage = createPermission({
  name: 'thing.manage',
  attributes: { action: 'update' },
});
const cancel = createPermission({
  name: 'thing.cancel',
  attributes: { action: 'update' },
  resourceType: 'thing',
});
const readThings = createPermission({
  name: 'thing.list',
  attributes: { action: 'read' },
  resourceType: 'thing',
});
const conditions: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'things',
  resourceType: 'thing',
  conditions: { rule: 'IS_OWNER', resourceType: 'thing', params: {} },
};

const ALICE = mockCredentials.user('user:default/alice');

/** A gate whose permission service answers `decide` for each permission name. */
function gateAnswering(decide: (name: string) => PolicyDecision) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => decide(r.permission.name) as any),
    authorizeConditional: async requests =>
      requests.map(r => decide(r.permission.name)),
  });
  const auditor = mockServices.auditor.mock();
  const logger = mockServices.logger.mock();
  const gate = new PermissionGate({
    permissions,
    audit: new AuditTrail({ auditor }),
    logger,
  });
  return { gate, permissions, auditor, logger };
}

const allowOnly =
  (...names: string[]) =>
  (name: string): PolicyDecision => ({
    result: names.includes(name) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });

describe('PermissionGate', () => {
  it.each([
    ['every check allowed', allowOnly('thing.read', 'thing.manage'), null],
    [
      'the first denied one named',
      allowOnly('thing.read'),
      'you may not use thing.manage',
    ],
    ['a denied read named too', allowOnly(), 'you may not use thing.read'],
  ])('require with %s', async (_, decide, refusal) => {
    const { gate, permissions } = gateAnswering(decide);
    const refused = await gate.require(ALICE, read, manage).then(
      () => null,
      error => `${error.name}: ${error.message}`,
    );
    expect(refused).toBe(refusal && `NotAllowedError: ${refusal}`);
    // several permissions of one route are one question
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: read }, { permission: manage }],
      { credentials: ALICE },
    );
  });

  it('names the resource of a refused resource check, and only what was asked', async () => {
    const { gate } = gateAnswering(allowOnly());
    await expect(
      gate.require(ALICE, { permission: cancel, resourceRef: 'run-1' }),
    ).rejects.toThrow(/^you may not use thing\.cancel on run-1$/);
  });

  it.each([
    ['allow', { result: AuthorizeResult.ALLOW }, { result: 'ALLOW' }],
    ['conditions', conditions, conditions],
    ['deny', { result: AuthorizeResult.DENY }, 'NotAllowedError'],
  ] as const)(
    'conditions on %s: answers the decision, or refuses',
    async (_, decision, expected) => {
      const { gate } = gateAnswering(() => decision as PolicyDecision);
      const answer = await gate
        .conditions(ALICE, cancel)
        .catch(error => error.name);
      expect(answer).toEqual(expected);
    },
  );

  it.each([
    ['authorize', (gate: PermissionGate) => gate.require(ALICE, manage)],
    ['allows', (gate: PermissionGate) => gate.allows(ALICE, manage)],
    [
      'authorizeConditional',
      (gate: PermissionGate) => gate.conditions(ALICE, cancel),
    ],
  ])(
    'answers 503 saying only that, when %s fails, and logs the cause',
    async (_, check) => {
      const { gate, permissions, logger, auditor } = gateAnswering(allowOnly());
      const down = new Error('connect ECONNREFUSED 10.0.0.7:7007');
      permissions.authorize.mockRejectedValue(down);
      permissions.authorizeConditional.mockRejectedValue(down);
      const error = await check(gate).catch(e => e);
      expect(error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: PERMISSION_SERVICE_UNAVAILABLE,
      });
      expect(logger.warn).toHaveBeenCalledWith(expect.any(String), down);
      // an unanswered question is no refusal of the caller
      expect(auditor.createEvent).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['a read', read],
    ['a conditional read', readThings],
  ])('does not audit a refusal of %s', async (_, permission) => {
    const { gate, auditor } = gateAnswering(allowOnly());
    await expect(
      gate.require(ALICE, { permission: permission as typeof read }),
    ).rejects.toThrow('you may not use');
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });

  it.each([
    ['a basic permission that changes something', manage, undefined],
    ['a resource permission, with its resource', cancel, 'run-1'],
  ])(
    'audits a refusal of %s as permission-denied',
    async (_, permission, resourceRef) => {
      const { gate, auditor } = gateAnswering(allowOnly());
      const check = resourceRef
        ? { permission: permission as typeof cancel, resourceRef }
        : { permission: permission as typeof manage };
      await expect(gate.require(ALICE, check)).rejects.toThrow(
        'you may not use',
      );
      expect(auditor.createEvent).toHaveBeenCalledTimes(1);
      expect(auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'permission-denied',
        severityLevel: 'medium',
        meta: {
          actor: 'user:default/alice',
          permission: permission.name,
          ...(resourceRef ? { resourceRef } : {}),
        },
      });
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.fail).toHaveBeenCalledWith({
        error: new Error(`refused: ${permission.name}`),
      });
    },
  );

  it('refuses what the caller decided from conditions, with its own message, audited alike', async () => {
    const { gate, auditor } = gateAnswering(allowOnly());
    await expect(
      gate.refuse({
        credentials: ALICE,
        permission: cancel,
        resourceRef: 'run-1',
        message: 'you started run-1, so someone else must cancel it',
      }),
    ).rejects.toThrow('you started run-1, so someone else must cancel it');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'permission-denied',
        meta: expect.objectContaining({ resourceRef: 'run-1' }),
      }),
    );
  });
});
