import { ConfigReader } from '@backstage/config';
import express, { Router } from 'express';
import request from 'supertest';
import {
  allowedOriginsFromConfig,
  crossSiteRequestGuard,
} from './crossSiteGuard';
import {
  consoleMetricsRegistry,
  httpMetricsMiddleware,
  MountedPlugins,
} from './httpMetrics';
import {
  currentRequestContext,
  requestContextMiddleware,
} from './requestContext';

function appWith(...middleware: express.RequestHandler[]) {
  const app = express();
  app.use(...middleware);
  const plugin = Router();
  plugin.get('/items/:id', (_req, res) => {
    res.json({ requestId: currentRequestContext()?.requestId });
  });
  plugin.post('/items', (_req, res) => {
    res.status(201).json({ ok: true });
  });
  app.use('/api/demo', plugin);
  return app;
}

describe('requestContextMiddleware', () => {
  const app = appWith(requestContextMiddleware());

  it('gives each request a new id, echoed and known while serving it', async () => {
    const a = await request(app).get('/api/demo/items/1');
    const b = await request(app).get('/api/demo/items/2');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.body.requestId).toBe(a.headers['x-request-id']);
    expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);
  });

  it("keeps the caller's id when it is a short token, replaces it otherwise", async () => {
    const kept = await request(app)
      .get('/api/demo/items/1')
      .set('X-Request-Id', 'proxy-42.a');
    expect(kept.body.requestId).toBe('proxy-42.a');
    const replaced = await request(app)
      .get('/api/demo/items/1')
      .set('X-Request-Id', 'evil\tvalue with spaces');
    expect(replaced.body.requestId).not.toContain('evil');
  });
});

describe('requestContextMiddleware and response events', () => {
  it('runs finish listeners in the request context, whoever ends the response', async () => {
    // The access-log line of Backstage is a `finish` listener registered
    // while serving the request; the response is ended here from outside any
    // request (a timer set up before it), as a write completing on the
    // socket's own callbacks does.
    const seen: Array<string | undefined> = [];
    const waiting: express.Response[] = [];
    const app = express();
    app.use(requestContextMiddleware());
    app.use((_req, res, next) => {
      res.on('finish', () => seen.push(currentRequestContext()?.requestId));
      next();
    });
    app.get('/later', (_req, res) => {
      waiting.push(res);
    });
    const flush = setInterval(() => {
      for (const res of waiting.splice(0)) res.status(204).end();
    }, 5);
    try {
      const res = await request(app)
        .get('/later')
        .set('X-Request-Id', 'access-line-1');
      expect(res.status).toBe(204);
    } finally {
      clearInterval(flush);
    }
    expect(seen).toEqual(['access-line-1']);
  });
});

describe('httpMetricsMiddleware', () => {
  const plugins = new MountedPlugins();
  plugins.mounted('/api/demo');
  const app = appWith(httpMetricsMiddleware({ plugins }));

  it('counts requests by plugin, route template, method and status', async () => {
    await request(app).get('/api/demo/items/1');
    await request(app).get('/api/demo/items/2');
    await request(app).get('/api/demo/nothing-here');
    const text = await consoleMetricsRegistry.metrics();
    expect(text).toContain(
      'http_server_request_duration_seconds_count{plugin="demo",route="/items/:id",method="GET",status="200"} 2',
    );
    // the raw path never becomes a label value
    expect(text).not.toContain('/items/1');
    expect(text).toContain(
      'http_server_request_duration_seconds_count{plugin="demo",route="unmatched",method="GET",status="404"} 1',
    );
  });
});

describe('crossSiteRequestGuard', () => {
  const config = new ConfigReader({
    app: { baseUrl: 'http://localhost:3000/' },
    backend: {
      baseUrl: 'http://localhost:7007',
      cors: { origin: ['https://portal.example.com', 'https://*.example.org'] },
    },
  });
  const app = appWith(
    crossSiteRequestGuard({ allowedOrigins: allowedOriginsFromConfig(config) }),
  );

  it('reads the allowed origins from config', () => {
    expect(allowedOriginsFromConfig(config).sort()).toEqual([
      'http://localhost:3000',
      'http://localhost:7007',
      'https://*.example.org',
      'https://portal.example.com',
    ]);
  });

  it('refuses a cookie-carrying POST from another site, saying why', async () => {
    const res = await request(app)
      .post('/api/demo/items')
      .set('Cookie', 'session=abc')
      .set('Origin', 'https://evil.example.net');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('https://evil.example.net');
  });

  it('refuses a cross-site fetch that hides its origin', async () => {
    const nullOrigin = await request(app)
      .post('/api/demo/items')
      .set('Cookie', 'session=abc')
      .set('Origin', 'null');
    expect(nullOrigin.status).toBe(403);
    const fetchSite = await request(app)
      .post('/api/demo/items')
      .set('Cookie', 'session=abc')
      .set('Sec-Fetch-Site', 'cross-site');
    expect(fetchSite.status).toBe(403);
  });

  it('lets the console origins, glob origins and non-browser clients through', async () => {
    for (const origin of [
      'http://localhost:3000',
      'http://localhost:7007',
      'https://portal.example.com',
      'https://team-a.example.org',
    ]) {
      const res = await request(app)
        .post('/api/demo/items')
        .set('Cookie', 'session=abc')
        .set('Origin', origin);
      expect({ origin, status: res.status }).toEqual({ origin, status: 201 });
    }
    // a glob matches one label, not a suffix of any host
    const suffix = await request(app)
      .post('/api/demo/items')
      .set('Cookie', 'session=abc')
      .set('Origin', 'https://a.b.example.org.evil.net');
    expect(suffix.status).toBe(403);
    const noOrigin = await request(app)
      .post('/api/demo/items')
      .set('Cookie', 'session=abc');
    expect(noOrigin.status).toBe(201);
  });

  it('does not stand in the way of bearer-token requests and safe methods', async () => {
    const bearer = await request(app)
      .post('/api/demo/items')
      .set('Authorization', 'Bearer x')
      .set('Origin', 'https://evil.example.net');
    expect(bearer.status).toBe(201);
    const get = await request(app)
      .get('/api/demo/items/1')
      .set('Cookie', 'session=abc')
      .set('Origin', 'https://evil.example.net');
    expect(get.status).toBe(200);
  });
});
