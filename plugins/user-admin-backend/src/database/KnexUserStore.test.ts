import { ConflictError, NotFoundError } from '@backstage/errors';
import { storeDatabases } from '../__testUtils__/databases';
import { NewUser, UserStore } from './UserAdminStore';

jest.setTimeout(60_000);

const { ids, freshStoreEach } = storeDatabases();

const newUser = (name: string, extra: Partial<NewUser> = {}): NewUser => ({
  userRef: `user:default/${name}`,
  email: `${name}@example.com`,
  displayName: name,
  status: 'active',
  roles: [],
  ...extra,
});

describe.each(ids)('KnexUserStore on %p', databaseId => {
  const store = freshStoreEach(databaseId);
  beforeEach(async () => {
    for (const name of ['viewer', 'admin']) {
      await store.roles.createRole({
        name,
        title: name,
        description: '',
        grants: [],
        members: [],
      });
    }
  });

  it('keeps refs and e-mails in lower case, and finds them in any case', async () => {
    const created = await store.users.createUser(
      newUser('Ada', { email: 'Ada@Example.COM', roles: ['viewer'] }),
    );
    expect(created).toMatchObject({
      userRef: 'user:default/ada',
      email: 'ada@example.com',
      emailVerified: false,
      roles: ['viewer'],
    });
    expect(
      await store.users.getUserByRef({ userRef: 'User:Default/ADA' }),
    ).toEqual(created);
    expect(
      await store.users.findUsersByEmail({ email: 'ADA@example.com' }),
    ).toEqual([created]);
    expect(await store.users.getUser({ id: created.id })).toEqual(created);
    expect(await store.users.countUsers()).toBe(1);
  });

  it('refuses a second user with the same ref or identity, with a 409', async () => {
    await store.users.createUser(
      newUser('ada', { provider: 'oidc', subject: 's1' }),
    );
    await expect(store.users.createUser(newUser('ada'))).rejects.toThrow(
      ConflictError,
    );
    await expect(
      store.users.createUser(
        newUser('bea', { provider: 'oidc', subject: 's1' }),
      ),
    ).rejects.toThrow(ConflictError);
    const bea = await store.users.createUser(newUser('bea'));
    await expect(
      store.users.updateUser({
        id: bea.id,
        patch: { provider: 'oidc', subject: 's1' },
      }),
    ).rejects.toThrow('this identity is bound to another user');
  });

  it('creates no user when a role it names does not exist', async () => {
    await expect(
      store.users.createUser(newUser('ada', { roles: ['viewer', 'ghost'] })),
    ).rejects.toThrow(new NotFoundError('no role named ghost'));
    expect(await store.users.countUsers()).toBe(0);
  });

  it('finds a user by identity only, and an invitation only while unbound', async () => {
    const invited = await store.users.createUser(
      newUser('ivy', { status: 'invited', email: 'ivy@example.com' }),
    );
    expect(
      await store.users.findUserByIdentity({
        provider: 'oidc',
        subject: 'ivy',
      }),
    ).toBeUndefined();
    expect(
      await store.users.findInvitation({ email: 'IVY@example.com' }),
    ).toEqual(invited);
    // bound to an identity, it is no longer open, whatever its status says
    await store.users.updateUser({
      id: invited.id,
      patch: { provider: 'oidc', subject: 'ivy' },
    });
    expect(
      await store.users.findInvitation({ email: 'ivy@example.com' }),
    ).toBeUndefined();
    expect(
      await store.users.findUserByIdentity({
        provider: 'oidc',
        subject: 'ivy',
      }),
    ).toMatchObject({ id: invited.id, provider: 'oidc' });
  });

  it('changes only the patched fields, and 404s an unknown user', async () => {
    const ada = await store.users.createUser(newUser('ada'));
    const updated = await store.users.updateUser({
      id: ada.id,
      patch: { displayName: 'Ada L.', lastSignInAt: Date.UTC(2026, 0, 2) },
    });
    expect(updated).toMatchObject({
      displayName: 'Ada L.',
      email: 'ada@example.com',
      lastSignInAt: '2026-01-02T00:00:00.000Z',
    });
    await expect(
      store.users.updateUser({ id: 'nobody', patch: { displayName: 'x' } }),
    ).rejects.toThrow(NotFoundError);
  });

  it("replaces a user's roles, and drops them with the user", async () => {
    const ada = await store.users.createUser(
      newUser('ada', { roles: ['viewer'] }),
    );
    await store.users.setUserRoles({
      userRef: 'user:default/ADA',
      roles: ['admin'],
    });
    expect((await store.users.getUser({ id: ada.id }))!.roles).toEqual([
      'admin',
    ]);
    expect(await store.users.hasActiveAdmin()).toBe(true);

    await store.users.deleteUser({ id: ada.id });
    expect(await store.users.getUser({ id: ada.id })).toBeUndefined();
    expect((await store.roles.getRole({ name: 'admin' }))!.members).toEqual([]);
    await expect(store.users.deleteUser({ id: ada.id })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('counts only active users holding admin as active admins', async () => {
    const ada = await store.users.createUser(
      newUser('ada', { status: 'pending', roles: ['admin'] }),
    );
    await store.users.createUser(newUser('bea', { roles: ['viewer'] }));
    expect(await store.users.hasActiveAdmin()).toBe(false);
    await store.users.updateUser({ id: ada.id, patch: { status: 'active' } });
    expect(await store.users.hasActiveAdmin()).toBe(true);
  });

  it('searches literally, filters, sorts with empty values last, and pages', async () => {
    await store.users.createUser(newUser('ann', { roles: ['viewer'] }));
    await store.users.createUser(newUser('bob', { status: 'disabled' }));
    await store.users.createUser(
      newUser('c_d', { email: undefined, roles: ['viewer'] }),
    );
    await store.users.createUser(newUser('cxd'));
    const list = async (
      options: Partial<Parameters<UserStore['listUsers']>[0]>,
    ) => {
      const { items, total } = await store.users.listUsers({
        sort: 'name',
        order: 'asc',
        limit: 10,
        offset: 0,
        ...options,
      });
      return { names: items.map(u => u.displayName), total };
    };
    // '_' is a letter here, not a LIKE wildcard
    expect(await list({ search: 'C_D' })).toEqual({ names: ['c_d'], total: 1 });
    expect(await list({ status: 'disabled' })).toEqual({
      names: ['bob'],
      total: 1,
    });
    expect(await list({ role: 'viewer' })).toEqual({
      names: ['ann', 'c_d'],
      total: 2,
    });
    expect(await list({ sort: 'email', order: 'desc' })).toEqual({
      names: ['cxd', 'bob', 'ann', 'c_d'],
      total: 4,
    });
    expect(await list({ limit: 2, offset: 1 })).toEqual({
      names: ['bob', 'c_d'],
      total: 4,
    });
  });
});
