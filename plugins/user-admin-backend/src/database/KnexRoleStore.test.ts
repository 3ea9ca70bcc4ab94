import { ConflictError, NotFoundError } from '@backstage/errors';
import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { storeDatabases } from '../__testUtils__/databases';
import { KnexUserAdminStore } from './KnexUserAdminStore';
import { RoleStore } from './UserAdminStore';

jest.setTimeout(60_000);

const { ids, migrated } = storeDatabases();

const role = (name: string, extra: Partial<Role> = {}) => ({
  name,
  title: `The ${name}s`,
  description: '',
  grants: [{ permission: 'catalog.entity.read' }],
  members: [],
  ...extra,
});

describe.each(ids)('KnexRoleStore on %p', databaseId => {
  let store: KnexUserAdminStore;
  let roles: RoleStore;

  beforeEach(async () => {
    ({ store } = await migrated(databaseId));
    roles = store.roles;
  });

  it('keeps grants and members (lower case, once each), listed by name', async () => {
    await roles.createRole(role('viewer'));
    const created = await roles.createRole(
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
    expect((await roles.listRoles()).map(r => r.name)).toEqual([
      'admin',
      'viewer',
    ]);
    expect(await roles.getRole({ name: 'nobody' })).toBeUndefined();
    await expect(roles.createRole(role('viewer'))).rejects.toThrow(
      ConflictError,
    );
  });

  it('changes only the fields an update names, and 404s an unknown role', async () => {
    await roles.createRole(role('viewer', { description: 'reads' }));
    const updated = await roles.updateRole({ name: 'viewer', title: 'Readers' });
    expect(updated).toMatchObject({
      title: 'Readers',
      description: 'reads',
      grants: role('viewer').grants,
    });
    await expect(
      roles.updateRole({ name: 'nobody', title: 'x' }),
    ).rejects.toThrow(NotFoundError);
  });

  it('deletes a role with its members, never a built-in one', async () => {
    await roles.createRole(role('admin', { builtIn: true }));
    await roles.createRole(role('ops', { members: ['user:default/ada'] }));
    await roles.deleteRole({ name: 'ops' });
    expect(await roles.getRole({ name: 'ops' })).toBeUndefined();
    await expect(roles.deleteRole({ name: 'admin' })).rejects.toThrow(
      ConflictError,
    );
    await expect(roles.deleteRole({ name: 'ops' })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('replaces the members of a role', async () => {
    await roles.createRole(role('ops', { members: ['user:default/ada'] }));
    const updated = await roles.setRoleMembers({
      name: 'ops',
      members: ['user:default/Bea', 'user:default/bea'],
    });
    expect(updated.members).toEqual(['user:default/bea']);
    await expect(
      roles.setRoleMembers({ name: 'nobody', members: [] }),
    ).rejects.toThrow(NotFoundError);
  });

  it('replaces every role on import but keeps the built-in ones', async () => {
    await roles.createRole(role('admin', { builtIn: true }));
    await roles.createRole(role('old', { members: ['user:default/ada'] }));
    await roles.createRole(role('ops', { members: ['user:default/ada'] }));
    await roles.replaceRoles([
      { ...role('ops', { title: 'Operators' }), builtIn: false },
      {
        ...role('new', { members: ['user:default/Bea'] }),
        builtIn: false,
      },
    ]);
    const after = await roles.listRoles();
    expect(after.map(r => [r.name, r.title, r.members])).toEqual([
      ['admin', 'The admins', []],
      ['new', 'The news', ['user:default/bea']],
      ['ops', 'Operators', []],
    ]);
  });

  it('gives a new policy version whenever roles, members or users change', async () => {
    const versions = [await roles.policyVersion()];
    const changes = [
      () => roles.createRole(role('ops')),
      () => roles.setRoleMembers({ name: 'ops', members: ['user:default/a'] }),
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
      versions.push(await roles.policyVersion());
    }
    expect(new Set(versions).size).toBe(versions.length);
    // and no new one without a change
    expect(await roles.policyVersion()).toBe(versions[versions.length - 1]);
  });

  it('tells a change of members apart even within one millisecond', async () => {
    await roles.createRole(role('ops'));
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2030, 0, 1));
    try {
      await roles.setRoleMembers({ name: 'ops', members: [] });
      const before = await roles.policyVersion();
      await roles.setRoleMembers({ name: 'ops', members: ['user:default/a'] });
      expect(await roles.policyVersion()).not.toBe(before);
    } finally {
      now.mockRestore();
    }
  });
});
