import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { permissionModuleRbac } from './module';

describe('permissionModuleRbac', () => {
  it('decides authorize requests through the permission backend', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleRbac,
        mockServices.rootConfig.factory({
          data: {
            permission: {
              enabled: true,
              rbac: { admins: ['user:default/admin'] },
            },
          },
        }),
      ],
    });

    const ask = (userRef: string) =>
      request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(userRef))
        .send({
          items: [
            {
              id: 'a',
              permission: {
                type: 'basic',
                name: 'workflows.execution.batch',
                attributes: { action: 'delete' },
              },
            },
            {
              id: 'b',
              permission: {
                type: 'basic',
                name: 'user-admin.user.read',
                attributes: { action: 'read' },
              },
            },
          ],
        });

    const asAdmin = await ask('user:default/admin');
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.items).toEqual([
      { id: 'a', result: 'ALLOW' },
      { id: 'b', result: 'ALLOW' },
    ]);

    // no user-admin in this backend: roles cannot be read, so it fails closed
    const asViewer = await ask('user:default/viewer');
    expect(asViewer.status).toBe(200);
    expect(asViewer.body.items).toEqual([
      { id: 'a', result: 'DENY' },
      { id: 'b', result: 'DENY' },
    ]);
  });
});
