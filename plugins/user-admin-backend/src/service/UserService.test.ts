import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  roleManagePermission,
  userCreatePermission,
  userDeletePermission,
  userReadPermission,
  userUpdatePermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { freshServicesEach } from '../__testUtils__/services';

const h = freshServicesEach();
const admin = () => h.as('user:default/root');

/** A user as sign-in leaves them, with one open session. */
async function signedIn(name: string, status: 'active' | 'pending' = 'active') {
  const user = await h.store.users.createUser({
    userRef: `user:default/${name}`,
    email: `${name}@example.com`,
    emailVerified: true,
    displayName: name,
    status,
    roles: ['viewer'],
  });
  await h.store.sessions.createSession({
    userRef: user.userRef,
    provider: 'oidc',
    sessionKey: `${name}-login`,
  });
  return user;
}

const openSessions = async (userRef: string) =>
  (
    await h.store.sessions.listSessions({
      userRef,
      activeOnly: true,
      limit: 10,
      offset: 0,
    })
  ).total;

describe('UserService', () => {
  it('lists and reads users only with user.read, and 404s an unknown id', async () => {
    const ada = await signedIn('ada');
    await expect(h.users.getUser(admin(), ada.id)).rejects.toThrow(
      NotAllowedError,
    );
    h.grant(userReadPermission);
    expect(await h.users.getUser(admin(), ada.id)).toEqual(ada);
    const list = await h.users.listUsers(admin(), {
      sort: 'name',
      order: 'asc',
      limit: 10,
      offset: 0,
    });
    expect(list.items.map(u => u.userRef)).toEqual(['user:default/ada']);
    await expect(h.users.getUser(admin(), 'nobody')).rejects.toThrow(
      NotFoundError,
    );
  });

  it('shows users their own record and the registration mode, and services none', async () => {
    const ada = await signedIn('ada');
    expect(await h.users.me(h.as('user:default/ada'))).toEqual({
      userRef: 'user:default/ada',
      user: ada,
      registration: 'open',
    });
    await expect(
      h.users.me({ credentials: mockCredentials.service('plugin:x') }),
    ).rejects.toThrow(NotAllowedError);
  });

  it('invites under a free name with the default roles, and announces it', async () => {
    await signedIn('ada');
    h.grant(userCreatePermission);
    const invited = await h.users.invite(admin(), {
      email: 'Ada@other.example',
    });
    expect(invited).toMatchObject({
      userRef: 'user:default/ada-2',
      email: 'ada@other.example',
      displayName: 'Ada@other.example',
      status: 'invited',
      roles: ['viewer'],
    });
    expect(h.notifyPolicyChange).toHaveBeenCalledTimes(1);
    await expect(
      h.users.invite(admin(), { email: 'ada@other.example' }),
    ).rejects.toThrow(
      'ada@other.example is already invited (user:default/ada-2)',
    );
    await expect(
      h.users.invite(admin(), { email: 'ada@example.com' }),
    ).rejects.toThrow(ConflictError);
  });

  it('invites with chosen roles only for those who may manage roles', async () => {
    h.grant(userCreatePermission);
    const invite = () =>
      h.users.invite(admin(), {
        email: 'bea@example.com',
        username: 'Bea',
        roles: ['operator'],
      });
    await expect(invite()).rejects.toThrow(NotAllowedError);
    h.grant(roleManagePermission);
    expect(await invite()).toMatchObject({
      userRef: 'user:default/bea',
      roles: ['operator'],
    });
  });

  it('marks an address an admin typed as unverified; redirecting an invitation needs role.manage', async () => {
    const ada = await signedIn('ada');
    h.grant(userUpdatePermission, userCreatePermission);
    expect(
      await h.users.updateUser(admin(), ada.id, { email: 'ada@new.example' }),
    ).toMatchObject({ email: 'ada@new.example', emailVerified: false });

    const ivy = await h.users.invite(admin(), { email: 'ivy@example.com' });
    // the address decides who claims the invitation's roles
    await expect(
      h.users.updateUser(admin(), ivy.id, { email: 'eve@example.com' }),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      h.users.updateUser(admin(), ada.id, { roles: ['admin'] }),
    ).rejects.toThrow(NotAllowedError);

    h.grant(roleManagePermission);
    h.notifyPolicyChange.mockClear();
    expect(
      await h.users.updateUser(admin(), ada.id, { roles: ['admin'] }),
    ).toMatchObject({ roles: ['admin'] });
    expect(h.notifyPolicyChange).toHaveBeenCalledTimes(1);
  });

  it('allows only the transitions of the life cycle', async () => {
    const ada = await signedIn('ada', 'pending');
    h.grant(userUpdatePermission);
    await expect(h.users.setStatus(admin(), ada.id, 'enable')).rejects.toThrow(
      'cannot enable user:default/ada: the user is pending',
    );
    expect(await h.users.setStatus(admin(), ada.id, 'approve')).toMatchObject({
      status: 'active',
    });
    await expect(h.users.setStatus(admin(), ada.id, 'approve')).rejects.toThrow(
      ConflictError,
    );
  });

  it('disabling revokes every session of the user, but nobody can disable themselves', async () => {
    const ada = await signedIn('ada');
    const root = await signedIn('root');
    h.grant(userUpdatePermission);
    await expect(
      h.users.setStatus(h.as('User:Default/Root'), root.id, 'disable'),
    ).rejects.toThrow('you cannot disable yourself');

    expect(
      await h.users.setStatus(admin(), ada.id, 'disable', 'left'),
    ).toMatchObject({ status: 'disabled' });
    expect(await openSessions(ada.userRef)).toBe(0);
    expect(h.notifyPolicyChange).toHaveBeenCalled();
    expect(await h.users.setStatus(admin(), ada.id, 'enable')).toMatchObject({
      status: 'active',
    });
  });

  it('deleting a user revokes their sessions and keeps the audit about them', async () => {
    const ada = await signedIn('ada');
    const root = await signedIn('root');
    h.grant(userDeletePermission);
    await expect(h.users.deleteUser(admin(), root.id)).rejects.toThrow(
      'you cannot delete yourself',
    );
    await h.users.deleteUser(admin(), ada.id);
    expect(await h.store.users.getUser({ id: ada.id })).toBeUndefined();
    expect(await openSessions(ada.userRef)).toBe(0);
    const audit = await h.store.audit.listAudit({
      target: ada.userRef,
      limit: 10,
    });
    expect(audit.items.map(a => [a.action, a.outcome])).toEqual([
      ['user-delete', 'success'],
    ]);
  });
});
