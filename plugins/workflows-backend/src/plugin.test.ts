import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { workflowsPlugin } from './plugin';

// Runs against the real Temporal dev server that scripts/test.sh starts.
describe('workflowsPlugin', () => {
  it('answers GET /api/workflows/health from the real Temporal server', async () => {
    const address = process.env.TEMPORAL_ADDRESS;
    expect(address).toBeTruthy();
    const { server } = await startTestBackend({
      features: [
        workflowsPlugin,
        mockServices.rootConfig.factory({
          data: {
            workflows: {
              temporal: {
                address,
                namespace: 'default',
                registerSearchAttributes: true,
              },
              worker: { enabled: false },
              liveUpdates: { enabled: false },
            },
          },
        }),
      ],
    });

    const res = await request(server).get('/api/workflows/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      temporal: { namespace: 'default', reachable: true },
    });

    const anonymous = await request(server)
      .get('/api/workflows/health')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
