import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';

describe('workflows router', () => {
  const health = jest.fn();
  let app: express.Express;

  beforeEach(async () => {
    health.mockReset();
    app = express();
    app.use(
      await createRouter({
        httpAuth: mockServices.httpAuth(),
        temporal: { health },
      }),
    );
    app.use(mockErrorHandler());
  });

  it('GET /health answers 200 when Temporal answers', async () => {
    health.mockResolvedValue({
      status: 'ok',
      temporal: { address: 't:7233', namespace: 'default', reachable: true },
    });
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.temporal.reachable).toBe(true);
  });

  it('GET /health answers 503 with the reason when Temporal is down', async () => {
    health.mockResolvedValue({
      status: 'unavailable',
      temporal: {
        address: 't:7233',
        namespace: 'default',
        reachable: false,
        message: 'UNAVAILABLE: No connection established',
      },
    });
    const res = await request(app).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.temporal.message).toContain('UNAVAILABLE');
  });

  it('GET /health answers 401 without credentials and does not call Temporal', async () => {
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(health).not.toHaveBeenCalled();
  });

  it('GET /openapi.json serves the document, 401 without credentials', async () => {
    const ok = await request(app).get('/openapi.json');
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body.paths)).toContain('/health');
    const anonymous = await request(app)
      .get('/openapi.json')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
