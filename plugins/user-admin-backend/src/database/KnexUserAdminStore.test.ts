import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KnexUserAdminStore } from './KnexUserAdminStore';

jest.setTimeout(60_000);

// SQLite only: the parts' own tests run every query on both databases
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('KnexUserAdminStore', () => {
  it('migrates the database, and its parts share it', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await KnexUserAdminStore.create({
      database: mockServices.database({ knex }),
    });
    await store.roles.createRole({
      name: 'viewer',
      title: 'Viewer',
      description: '',
      grants: [],
      members: [],
    });
    const user = await store.users.createUser({
      userRef: 'user:default/ada',
      displayName: 'Ada',
      status: 'active',
      roles: ['viewer'],
    });
    expect(user.roles).toEqual(['viewer']);
    expect((await store.roles.getRole({ name: 'viewer' }))!.members).toEqual([
      'user:default/ada',
    ]);
  });

  it('leaves the schema alone when the database service says to skip migrations', async () => {
    const knex = await databases.init('SQLITE_3');
    await KnexUserAdminStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    });
    expect(await knex.schema.hasTable('ua_users')).toBe(false);
  });
});
