import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import { createConnection } from 'node:net';
import request from 'supertest';

/**
 * Backstage's own limiter (`backend.rateLimit`) with the Redis store the
 * production config names: two replicas share one budget per client, and a
 * refused request gets 429 with Retry-After. Runs against a real Redis
 * (scripts/redis.sh, started by scripts/test.sh).
 */
const redisUrl = process.env.CONSOLE_TEST_REDIS_URL;
const describeRedis =
  redisUrl || process.env.CONSOLE_TEST_REQUIRE_REDIS ? describe : describe.skip;

function flushRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = createConnection(Number(port), hostname, () =>
      socket.write('FLUSHALL\r\n'),
    );
    socket.once('data', data => {
      socket.end();
      if (data.toString().startsWith('+OK')) resolve();
      else reject(new Error(`FLUSHALL answered ${data}`));
    });
    socket.once('error', reject);
  });
}

function replica(config: ConfigReader) {
  const middleware = MiddlewareFactory.create({
    config,
    logger: mockServices.logger.mock(),
  });
  const app = express();
  app.use(middleware.rateLimit());
  app.get('/api/demo/ping', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

describeRedis('backend.rateLimit with the Redis store', () => {
  if (!redisUrl) {
    it('needs CONSOLE_TEST_REDIS_URL (start scripts/redis.sh)', () => {
      expect({ CONSOLE_TEST_REDIS_URL: redisUrl }).toEqual({
        CONSOLE_TEST_REDIS_URL: expect.any(String),
      });
    });
    return;
  }

  beforeEach(() => flushRedis(redisUrl));

  it('shares one budget between replicas and answers 429 with Retry-After', async () => {
    const config = new ConfigReader({
      backend: {
        rateLimit: {
          incomingRequestLimit: 4,
          window: { seconds: 30 },
          ipAllowList: [],
          store: { type: 'redis', connection: redisUrl },
        },
      },
    });
    const a = replica(config);
    const b = replica(config);
    const statuses = [];
    for (const app of [a, b, a, b]) {
      statuses.push((await request(app).get('/api/demo/ping')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);

    const refused = await request(a).get('/api/demo/ping');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(refused.body.error.message).toMatch(/too many requests/i);
    // the other replica refuses too: the count lives in Redis
    expect((await request(b).get('/api/demo/ping')).status).toBe(429);
  });
});
