import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { BUILT_IN_ROLES } from './builtInRoles';
import { decide, rolesOf } from './policy';
import { Role } from './types';

const terminate = createPermission({
  name: 'workflows.execution.terminate',
  attributes: { action: 'delete' },
  resourceType: 'workflow-execution',
});
const metricsRead = createPermission({
  name: 'ai-metrics.model.read',
  attributes: { action: 'read' },
  resourceType: 'ai-model',
});
const userDelete = createPermission({
  name: 'user-admin.user.delete',
  attributes: { action: 'delete' },
});

const MEMBERS: Record<string, string[]> = {
  admin: ['user:default/ada'],
  operator: ['group:default/ml-team'],
  viewer: ['user:default/vera'],
};
const roles: Role[] = BUILT_IN_ROLES.map(r => ({
  ...r,
  members: MEMBERS[r.name],
}));
const snapshot = { roles, inactiveUsers: ['user:default/gone'] };
const otto = {
  userRef: 'user:default/otto',
  ownershipRefs: ['user:default/otto', 'group:default/ml-team'],
};
const vera = {
  userRef: 'user:default/vera',
  ownershipRefs: ['user:default/vera', 'group:default/ml-team'],
};

describe('decide', () => {
  it('allows an admin everything and says which role allowed it', () => {
    const r = decide({
      permission: userDelete,
      subject: { userRef: 'user:default/Ada', ownershipRefs: [] },
      snapshot,
    });
    expect(r.decision).toEqual({ result: AuthorizeResult.ALLOW });
    expect(r.why).toEqual(['role admin allows *']);
  });

  it('gives an operator (through a group) a conditional decision with $user filled in', () => {
    const r = decide({ permission: terminate, subject: otto, snapshot });
    expect(r.decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'workflows',
      resourceType: 'workflow-execution',
      conditions: {
        rule: 'IS_STARTED_BY',
        resourceType: 'workflow-execution',
        params: { userRefs: ['user:default/otto'] },
      },
    });
    expect(r.why[0]).toMatch(
      /role operator allows workflows.execution.terminate if IS_STARTED_BY/,
    );
  });

  it('fills $ownership with every ownership ref', () => {
    const r = decide({
      permission: metricsRead,
      subject: {
        userRef: 'user:default/vera',
        ownershipRefs: ['user:default/vera', 'group:default/data'],
      },
      snapshot,
    });
    expect(r.decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_OWNED_BY',
        params: { claims: ['user:default/vera', 'group:default/data'] },
      },
    });
  });

  it('an allow from one role beats a condition from another', () => {
    // vera is a viewer directly and an operator through ml-team
    expect(
      decide({ permission: metricsRead, subject: vera, snapshot }).decision
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    const onlyViewer = decide({
      permission: metricsRead,
      subject: {
        userRef: 'user:default/vera',
        ownershipRefs: ['user:default/vera'],
      },
      snapshot,
    });
    expect(onlyViewer.decision.result).toBe(AuthorizeResult.CONDITIONAL);
    const opAndViewer = decide({
      permission: metricsRead,
      subject: {
        userRef: 'user:default/x',
        ownershipRefs: ['group:default/ml-team', 'user:default/vera'],
      },
      snapshot,
    });
    expect(opAndViewer.decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('denies without a role, for an uncovered permission and for inactive users', () => {
    expect(
      decide({
        permission: terminate,
        subject: { userRef: 'user:default/nobody', ownershipRefs: [] },
        snapshot,
      }).why,
    ).toEqual(['user:default/nobody holds no role']);
    expect(
      decide({ permission: userDelete, subject: vera, snapshot }).decision
        .result,
    ).toBe(AuthorizeResult.DENY);
    const gone = decide({
      permission: userDelete,
      subject: {
        userRef: 'user:default/gone',
        ownershipRefs: ['user:default/ada'],
      },
      snapshot,
    });
    expect(gone.decision.result).toBe(AuthorizeResult.DENY);
    expect(gone.why).toEqual(['user:default/gone is not active']);
  });

  it('matches prefix globs and actions', () => {
    const custom: Role = {
      name: 'reader',
      title: 'Reader',
      description: '',
      builtIn: false,
      grants: [{ permission: 'workflows.*', action: 'read', effect: 'allow' }],
      members: ['user:default/r'],
    };
    const subject = { userRef: 'user:default/r', ownershipRefs: [] };
    const s = { roles: [custom], inactiveUsers: [] };
    expect(
      decide({ permission: terminate, subject, snapshot: s }).decision.result,
    ).toBe('DENY');
    const read = createPermission({
      name: 'workflows.execution.read',
      attributes: { action: 'read' },
      resourceType: 'workflow-execution',
    });
    expect(
      decide({ permission: read, subject, snapshot: s }).decision.result,
    ).toBe('ALLOW');
  });
});

describe('rolesOf over a snapshot', () => {
  it('finds membership among thousands of members, case-insensitively, per snapshot', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `user:default/u${i}`);
    const first: Role[] = roles.map(r =>
      r.name === 'viewer' ? { ...r, members: many } : r,
    );
    const member = { userRef: 'USER:default/U9999', ownershipRefs: [] };
    const stranger = { userRef: 'user:default/zed', ownershipRefs: [] };
    expect(rolesOf(member, first).map(r => r.name)).toEqual(['viewer']);
    expect(rolesOf(stranger, first)).toEqual([]);
    // a new snapshot is indexed anew: a change is seen at once
    const second: Role[] = first.map(r =>
      r.name === 'viewer'
        ? { ...r, members: [...r.members, 'user:default/zed'] }
        : r,
    );
    expect(rolesOf(stranger, second).map(r => r.name)).toEqual(['viewer']);
    expect(
      decide({
        permission: userDelete,
        subject: { userRef: 'user:default/GONE', ownershipRefs: [] },
        snapshot,
      }).decision.result,
    ).toBe(AuthorizeResult.DENY);
  });
});
