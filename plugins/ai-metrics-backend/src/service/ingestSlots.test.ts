import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import http, { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { wireEvent } from '../__testUtils__/events';
import {
  allow,
  createHarness,
  permissionsPolicy,
  serviceHeader,
} from '../__testUtils__/routerHarness';

// The in-flight bound of POST /events: only callers that may ingest take a
// slot, and only for as long as their body takes to arrive (over real
// sockets, as a slow client would hold them).

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = Date.parse('2026-11-26T10:00:00Z');
const now = () => T0 + 2 * 3_600_000;
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const refuse = (): PolicyDecision => ({ result: AuthorizeResult.DENY });

describe('POST /events: in-flight slots', () => {
  const body = {
    events: [wireEvent({ id: 'quick', timestamp: at(1) })],
  };
  const producer = serviceHeader('external:test-service');

  /** A POST /events whose body stops after its first bytes. */
  function slowBatch(server: Server, authorization: string) {
    const { port } = server.address() as AddressInfo;
    const text = JSON.stringify(body);
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: '/events',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        authorization,
      },
    });
    const answer = new Promise<number>(resolve => {
      req.on('response', res => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // the server may close the socket once it answered
      req.on('error', () => resolve(-1));
    });
    req.write(text.slice(0, 10));
    return { answer, abort: () => req.destroy() };
  }

  async function until(condition: () => boolean) {
    for (let i = 0; i < 200 && !condition(); i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    expect(condition()).toBe(true);
  }

  /** The status, or 0 when none came within `ms`. */
  const within = (answer: Promise<number>, ms: number) =>
    Promise.race([
      answer,
      new Promise<number>(resolve => setTimeout(() => resolve(0), ms)),
    ]);

  async function listening(options: Parameters<typeof createHarness>[1]) {
    const harness = await createHarness(databases, {
      now,
      permissions: permissionsPolicy({
        'ai-metrics.event.ingest': userRef =>
          userRef === 'user:default/mallory' ? refuse() : allow(),
      }),
      ...options,
    });
    const server = await new Promise<Server>(resolve => {
      const s = harness.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return { harness, server };
  }

  it('refuses callers that may not ingest (401, 403) without a slot, while slow bodies hold every slot', async () => {
    const { harness, server } = await listening({
      maxInFlightBatches: 2,
      bodyTimeoutMs: 30_000,
    });
    const held = [slowBatch(server, producer), slowBatch(server, producer)];
    try {
      await until(() => harness.ingest.batchesInFlight === 2);
      const send = (authorization: string) =>
        request(server)
          .post('/events')
          .set('Authorization', authorization)
          .send(body);
      // more unauthenticated requests than there are slots
      const anonymous = await Promise.all(
        [1, 2, 3].map(() => send(mockCredentials.none.header())),
      );
      expect(anonymous.map(r => r.status)).toEqual([401, 401, 401]);
      const invalid = await send(mockCredentials.user.invalidHeader());
      expect(invalid.status).toBe(401);
      const denied = await send(
        mockCredentials.user.header('user:default/mallory'),
      );
      expect(denied.status).toBe(403);
      // a producer waits for a slot like any other
      const busy = await send(producer);
      expect(busy.status).toBe(429);
      expect(harness.ingest.batchesInFlight).toBe(2);
    } finally {
      held.forEach(h => h.abort());
      server.close();
    }
  });

  it('does not let unauthenticated slow bodies keep producers out', async () => {
    const { server } = await listening({
      maxInFlightBatches: 1,
      bodyTimeoutMs: 30_000,
    });
    const anonymous = [1, 2, 3].map(() =>
      slowBatch(server, mockCredentials.none.header()),
    );
    try {
      for (const { answer } of anonymous) {
        expect(await within(answer, 3_000)).toBe(401);
      }
      const res = await request(server)
        .post('/events')
        .set('Authorization', producer)
        .send(body);
      expect(res.status).toBe(200);
    } finally {
      anonymous.forEach(h => h.abort());
      server.close();
    }
  });

  it('answers 408 to a body that does not arrive in time, and frees its slot', async () => {
    const { harness, server } = await listening({
      maxInFlightBatches: 1,
      bodyTimeoutMs: 300,
    });
    const slow = slowBatch(server, producer);
    try {
      expect(await within(slow.answer, 3_000)).toBe(408);
      expect(harness.ingest.batchesInFlight).toBe(0);
      const res = await request(server)
        .post('/events')
        .set('Authorization', producer)
        .send(body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accepted: 1, duplicates: 0 });
    } finally {
      slow.abort();
      server.close();
    }
  });
});
