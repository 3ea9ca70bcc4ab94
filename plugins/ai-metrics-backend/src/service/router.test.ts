import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';

describe('ai-metrics router', () => {
  const health = jest.fn();
  let app: express.Express;

  beforeEach(async () => {
    health.mockReset();
    app = express();
    app.use(
      await createRouter({
        httpAuth: mockServices.httpAuth(),
        database: { health },
      }),
    );
    app.use(mockErrorHandler());
  });

  it('GET /health answers 200 when the database answers', async () => {
    health.mockResolvedValue({
      status: 'ok',
      database: { reachable: true, client: 'pg' },
    });
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.database.reachable).toBe(true);
  });

  it('GET /health answers 503 with the reason when the database does not', async () => {
    health.mockResolvedValue({
      status: 'unavailable',
      database: {
        reachable: false,
        client: 'pg',
        message: 'connect ECONNREFUSED',
      },
    });
    const res = await request(app).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.database.message).toBe('connect ECONNREFUSED');
  });

  it('GET /health accepts service tokens', async () => {
    health.mockResolvedValue({
      status: 'ok',
      database: { reachable: true, client: 'pg' },
    });
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
  });

  it('GET /health answers 401 without credentials and does not touch the database', async () => {
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(health).not.toHaveBeenCalled();
  });

  it('GET /openapi.json serves the document, 401 without credentials', async () => {
    const ok = await request(app).get('/openapi.json');
    expect(ok.status).toBe(200);
    expect(ok.body.openapi).toMatch(/^3\./);
    expect(Object.keys(ok.body.paths)).toContain('/health');
    const anonymous = await request(app)
      .get('/openapi.json')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
