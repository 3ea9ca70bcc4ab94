import { InputError, NotAllowedError } from '@backstage/errors';
import {
  roleManagePermission,
  roleReadPermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { parse } from 'yaml';
import { freshServicesEach } from '../__testUtils__/services';

const h = freshServicesEach();
const admin = () => h.as('user:default/root');

const ops = {
  name: 'ops',
  title: 'Operators',
  description: 'run things',
  grants: [
    { permission: 'workflows.execution.terminate', effect: 'allow' as const },
  ],
  members: ['group:default/ops'],
};

describe('RoleService', () => {
  it('creates the built-in roles once and never overwrites an edit of them', async () => {
    await h.store.roles.updateRole({ name: 'viewer', title: 'Readers' });
    await h.roles.ensureBuiltInRoles();
    h.grant(roleReadPermission);
    const roles = await h.roles.listRoles(admin());
    expect(roles.map(r => [r.name, r.builtIn])).toEqual([
      ['admin', true],
      ['operator', true],
      ['viewer', true],
    ]);
    expect(roles.find(r => r.name === 'viewer')!.title).toBe('Readers');
    await expect(h.roles.getRole(admin(), 'nobody')).rejects.toThrow(
      'no role named nobody',
    );
  });

  it('changes roles only with role.manage, and announces each change', async () => {
    await expect(h.roles.createRole(admin(), ops)).rejects.toThrow(
      NotAllowedError,
    );
    expect(await h.store.roles.getRole({ name: 'ops' })).toBeUndefined();
    h.grant(roleManagePermission);
    await h.roles.createRole(admin(), ops);
    await h.roles.setRoleMembers(admin(), 'ops', ['user:default/ada']);
    await h.roles.deleteRole(admin(), 'ops');
    expect(h.notifyPolicyChange).toHaveBeenCalledTimes(3);
    // a refused change announces nothing
    await expect(h.roles.deleteRole(admin(), 'admin')).rejects.toThrow(
      'admin is a built-in role and cannot be deleted',
    );
    expect(h.notifyPolicyChange).toHaveBeenCalledTimes(3);
  });

  it('audits a role edit with the role before and after', async () => {
    h.grant(roleManagePermission);
    await h.roles.createRole(admin(), ops);
    await h.roles.updateRole(admin(), 'ops', { title: 'Ops' });
    await h.roles.setRoleMembers(admin(), 'ops', []);
    const { items } = await h.store.audit.listAudit({
      target: 'ops',
      limit: 5,
    });
    const { name: _name, ...state } = ops;
    expect(items.map(a => [a.action, a.details])).toEqual([
      ['role-members-change', { before: ['group:default/ops'], after: [] }],
      ['role-update', { before: state, after: { ...state, title: 'Ops' } }],
      ['role-create', { grants: 1 }],
    ]);
  });

  it('exports the roles as YAML that imports again, keeping the built-in ones', async () => {
    h.grant(roleManagePermission);
    await h.roles.createRole(admin(), ops);
    await expect(h.roles.exportRoles(admin())).rejects.toThrow(NotAllowedError);
    h.grant(roleReadPermission);
    const document = parse(await h.roles.exportRoles(admin()));
    expect(document.kind).toBe('Roles');
    expect(
      document.roles.find((r: { name: string }) => r.name === 'ops'),
    ).toEqual(ops);
    expect(document.roles[0]).not.toHaveProperty('builtIn');

    const others = document.roles.filter(
      (r: { name: string }) => r.name !== 'ops',
    );
    expect(await h.roles.importRoles(admin(), others)).toEqual({
      imported: 3,
    });
    expect((await h.roles.listRoles(admin())).map(r => r.name)).toEqual([
      'admin',
      'operator',
      'viewer',
    ]);
  });

  it('refuses an import that names a role twice, before changing anything', async () => {
    h.grant(roleManagePermission);
    await expect(
      h.roles.importRoles(admin(), [ops, { ...ops, title: 'again' }]),
    ).rejects.toThrow(new InputError('role ops appears twice'));
    expect(h.notifyPolicyChange).not.toHaveBeenCalled();
  });
});
