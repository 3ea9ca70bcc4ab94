import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  BUILT_IN_ROLES,
  PolicySnapshot,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { RbacPolicy } from './RbacPolicy';

const read = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const remove = createPermission({
  name: 'user-admin.user.delete',
  attributes: { action: 'delete' },
});

function user(userEntityRef: string, groups: string[] = []) {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  };
}

const snapshot: PolicySnapshot = {
  version: '1',
  roles: BUILT_IN_ROLES.map(r => ({
    ...r,
    members: r.name === 'viewer' ? ['group:default/readers'] : [],
  })),
  inactiveUsers: ['user:default/gone'],
};

describe('RbacPolicy', () => {
  const logger = mockServices.logger.mock();

  it('allows break-glass admins everything, whatever the case of the ref', async () => {
    const policy = new RbacPolicy({
      admins: ['user:default/Admin'],
      snapshot: async () => snapshot,
      logger,
    });
    await expect(
      policy.handle({ permission: remove }, user('user:default/admin')),
    ).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('decides from stored roles, through groups, and denies inactive users', async () => {
    const policy = new RbacPolicy({
      admins: [],
      snapshot: async () => snapshot,
      logger,
    });
    const reader = user('user:default/jane', ['group:default/readers']);
    await expect(policy.handle({ permission: read }, reader)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(
      policy.handle({ permission: remove }, reader),
    ).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
    await expect(
      policy.handle(
        { permission: read },
        user('user:default/gone', ['group:default/readers']),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies requests without a user, and everything when roles cannot be read', async () => {
    const failing = new RbacPolicy({
      admins: [],
      snapshot: async () => {
        throw new Error('user-admin down');
      },
      logger,
    });
    await expect(failing.handle({ permission: read })).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
    await expect(
      failing.handle(
        { permission: read },
        user('user:default/jane', ['group:default/readers']),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});

describe('RbacPolicy for someone the snapshot does not know yet', () => {
  it('checks for a fresher snapshot before denying', async () => {
    const newcomer = user('user:default/new-admin');
    const later: PolicySnapshot = {
      ...snapshot,
      version: '2',
      roles: snapshot.roles.map(r =>
        r.name === 'admin' ? { ...r, members: ['user:default/new-admin'] } : r,
      ),
    };
    const freshSnapshot = jest.fn(async () => later);
    const policy = new RbacPolicy({
      admins: [],
      snapshot: async () => snapshot,
      freshSnapshot,
      logger: mockServices.logger.mock(),
    });
    await expect(
      policy.handle({ permission: remove }, newcomer),
    ).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(freshSnapshot).toHaveBeenCalledWith(100);
    // someone the snapshot knows is decided without the extra check
    freshSnapshot.mockClear();
    await policy.handle(
      { permission: read },
      user('user:default/jane', ['group:default/readers']),
    );
    expect(freshSnapshot).not.toHaveBeenCalled();
  });
});
