import { ConflictError, NotFoundError } from '@backstage/errors';
import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { storeDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const { ids, freshStoreEach } = storeDatabases();

const role = (name: string, extra: Partial<Role> = {}) => ({
  name,
  title: `The ${name}s`,
  description: '',
  grants: [{ permission: 'catalog.entity.read', effect: 'allow' as const }],
  members: [],
  ...extra,
});

describe.each(ids)('KnexRoleStore on %p', databaseId => {
  const store = freshStoreEach(databaseId);
  it('keeps grants and members (lower case, once each), listed by name', async () => {
    await store.roles.createRole(role('viewer'));
    const created = await store.roles.createRole(
      role('admin', {
        builtIn: true,
        members: ['user:default/Ada', 'user:default/ada', 'group:default/ops'],
      }),
    );
    expect(created).toEqual({
      ...role('admin'),
      builtIn: true,
      members: ['group:default/ops', 'user:default/ada'],
    });
    expect((await store.roles.listRoles()).map(r => r.name)).toEqual([
      'admin',
      'viewer',
    ]);
    expect(await store.roles.getRole({ name: 'nobody' })).toBeUndefined();
    await expect(store.roles.createRole(role('viewer'))).rejects.toThrow(
      ConflictError,
    );
  });

  it('changes only the fields an update names, and 404s an unknown role', async () => {
    await store.roles.createRole(role('viewer', { description: 'reads' }));
    const updated = await store.roles.updateRole({
      name: 'viewer',
      title: 'Readers',
    });
    expect(updated).toMatchObject({
      title: 'Readers',
      description: 'reads',
      grants: role('viewer').grants,
    });
    await expect(
      store.roles.updateRole({ name: 'nobody', title: 'x' }),
    ).rejects.toThrow(NotFoundError);
  });

  it('deletes a role with its members, never a built-in one', async () => {
    await store.roles.createRole(role('admin', { builtIn: true }));
    await store.roles.createRole(
      role('ops', { members: ['user:default/ada'] }),
    );
    await store.roles.deleteRole({ name: 'ops' });
    expect(await store.roles.getRole({ name: 'ops' })).toBeUndefined();
    await expect(store.roles.deleteRole({ name: 'admin' })).rejects.toThrow(
      ConflictError,
    );
    await expect(store.roles.deleteRole({ name: 'ops' })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('replaces the members of a role', async () => {
    await store.roles.createRole(
      role('ops', { members: ['user:default/ada'] }),
    );
    const updated = await store.roles.setRoleMembers({
      name: 'ops',
      members: ['user:default/Bea', 'user:default/bea'],
    });
    expect(updated.members).toEqual(['user:default/bea']);
    await expect(
      store.roles.setRoleMembers({ name: 'nobody', members: [] }),
    ).rejects.toThrow(NotFoundError);
  });

  it('replaces every role on import but keeps the built-in ones', async () => {
    await store.roles.createRole(role('admin', { builtIn: true }));
    await store.roles.createRole(
      role('old', { members: ['user:default/ada'] }),
    );
    await store.roles.createRole(
      role('ops', { members: ['user:default/ada'] }),
    );
    await store.roles.replaceRoles([
      { ...role('ops', { title: 'Operators' }), builtIn: false },
      {
        ...role('new', { members: ['user:default/Bea'] }),
        builtIn: false,
      },
    ]);
    const after = await store.roles.listRoles();
    expect(after.map(r => [r.name, r.title, r.members])).toEqual([
      ['admin', 'The admins', []],
      ['new', 'The news', ['user:default/bea']],
      ['ops', 'Operators', []],
    ]);
  });

  it('gives a new policy version whenever roles, members or users change', async () => {
    const versions = [await store.roles.policyVersion()];
    const changes = [
      () => store.roles.createRole(role('ops')),
      () =>
        store.roles.setRoleMembers({
          name: 'ops',
          members: ['user:default/a'],
        }),
      () =>
        store.users.createUser({
          userRef: 'user:default/b',
          displayName: 'b',
          status: 'active',
          roles: [],
        }),
    ];
    for (const change of changes) {
      await change();
      versions.push(await store.roles.policyVersion());
    }
    expect(new Set(versions).size).toBe(versions.length);
    // and no new one without a change
    expect(await store.roles.policyVersion()).toBe(
      versions[versions.length - 1],
    );
  });

  it('tells a change of members apart even within one millisecond', async () => {
    await store.roles.createRole(role('ops'));
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2030, 0, 1));
    try {
      await store.roles.setRoleMembers({ name: 'ops', members: [] });
      const before = await store.roles.policyVersion();
      await store.roles.setRoleMembers({
        name: 'ops',
        members: ['user:default/a'],
      });
      expect(await store.roles.policyVersion()).not.toBe(before);
    } finally {
      now.mockRestore();
    }
  });
});
