import { isResourcePermission } from '@backstage/plugin-permission-common';
import { userAdminPermissions } from './permissions';

describe('userAdminPermissions', () => {
  it('names every permission once, under the plugin id, with an action', () => {
    const names = userAdminPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const permission of userAdminPermissions) {
      expect(permission.name).toMatch(/^user-admin\.[a-z-]+(\.[a-z-]+)?$/);
      expect(['create', 'read', 'update', 'delete']).toContain(
        permission.attributes.action,
      );
    }
  });

  it('marks a permission as a resource permission only when it names a resource type', () => {
    for (const permission of userAdminPermissions) {
      expect(isResourcePermission(permission)).toBe(
        'resourceType' in permission,
      );
    }
  });
});
