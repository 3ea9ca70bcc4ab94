import express from 'express';
import request from 'supertest';
import { requestContextMiddleware } from './http/requestContext';
import { requestContextFormat } from './logging';

describe('requestContextFormat', () => {
  it('puts the request id on lines written while serving a request', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const fmt = requestContextFormat();
    const log = (message: string) =>
      lines.push(fmt.transform({ level: 'info', message }) as any);
    const app = express();
    app.use(requestContextMiddleware());
    app.get('/', async (_req, res) => {
      log('before');
      await new Promise(resolve => setTimeout(resolve, 5));
      log('after an await');
      res.end();
    });
    const res = await request(app).get('/');
    log('outside');
    const id = res.headers['x-request-id'];
    expect(lines).toEqual([
      expect.objectContaining({ message: 'before', requestId: id }),
      expect.objectContaining({ message: 'after an await', requestId: id }),
      expect.not.objectContaining({ requestId: expect.anything() }),
    ]);
  });
});
