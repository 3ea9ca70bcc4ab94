import { isResourcePermission } from '@backstage/plugin-permission-common';
import { aiMetricsPermissions } from './permissions';

describe('aiMetricsPermissions', () => {
  it('names every permission once, under the plugin id, with an action', () => {
    const names = aiMetricsPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const permission of aiMetricsPermissions) {
      expect(permission.name).toMatch(/^ai-metrics\.[a-z-]+(\.[a-z-]+)?$/);
      expect(['create', 'read', 'update', 'delete']).toContain(
        permission.attributes.action,
      );
    }
  });

  it('marks a permission as a resource permission only when it names a resource type', () => {
    for (const permission of aiMetricsPermissions) {
      expect(isResourcePermission(permission)).toBe(
        'resourceType' in permission,
      );
    }
  });
});
