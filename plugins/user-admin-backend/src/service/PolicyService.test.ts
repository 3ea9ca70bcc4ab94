import { freshServicesEach } from '../__testUtils__/services';

const h = freshServicesEach();

describe('PolicyService', () => {
  it('gives the roles and the users whose every token is refused, at the current version', async () => {
    for (const [name, status] of [
      ['ada', 'active'],
      ['bea', 'disabled'],
      ['cy', 'pending'],
    ] as const) {
      await h.store.users.createUser({
        userRef: `user:default/${name}`,
        displayName: name,
        status,
        roles: ['viewer'],
      });
    }
    const snapshot = await h.policy.snapshot();
    expect(snapshot.version).toBe(await h.policy.version());
    expect(snapshot.roles.map(r => r.name)).toEqual([
      'admin',
      'operator',
      'viewer',
    ]);
    expect(snapshot.roles.find(r => r.name === 'viewer')!.members).toHaveLength(
      3,
    );
    expect([...snapshot.inactiveUsers].sort()).toEqual([
      'user:default/bea',
      'user:default/cy',
    ]);
  });

  it('tells a changed policy by its version', async () => {
    const before = await h.policy.version();
    await h.store.roles.setRoleMembers({
      name: 'admin',
      members: ['user:default/ada'],
    });
    expect(await h.policy.version()).not.toBe(before);
  });
});
