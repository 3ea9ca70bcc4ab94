import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { RbacPolicy } from './RbacPolicy';

const read = createPermission({
  name: 'x.read',
  attributes: { action: 'read' },
});
const remove = createPermission({
  name: 'x.delete',
  attributes: { action: 'delete' },
});

function user(userEntityRef: string) {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef] },
  };
}

describe('RbacPolicy', () => {
  const policy = new RbacPolicy({ admins: ['user:default/Admin'] });

  it('allows an admin everything, whatever the case of the ref', async () => {
    for (const permission of [read, remove]) {
      await expect(
        policy.handle({ permission }, user('user:default/admin')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('allows other users only read actions', async () => {
    await expect(
      policy.handle({ permission: read }, user('user:default/jane')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: remove }, user('user:default/jane')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies requests without a user', async () => {
    await expect(policy.handle({ permission: read })).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
