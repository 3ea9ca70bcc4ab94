import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AuthenticationError, NotFoundError } from '@backstage/errors';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { defineApi } from '@ai-ops-console/console-common';
import { createApiRouter } from './apiRouter';
import {
  apiDocumentProblems,
  documentOperations,
  routerOperations,
} from '../openapi/routeTable';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

const Item = z
  .object({ id: z.string(), size: z.number().int() })
  .meta({ id: 'Item', description: 'One item.' });

const spec = defineApi({
  pluginId: 'things',
  description: 'Things.',
  operations: {
    listItems: {
      method: 'get',
      path: '/items',
      operationId: 'listItems',
      summary: 'Lists items',
      query: z
        .strictObject({
          min: z
            .string()
            .regex(/^[0-9]+$/)
            .transform(Number)
            .optional()
            .meta({ description: 'Smallest size.' }),
          tag: z.array(z.string()).max(3).optional(),
          leak: z.enum(['yes', 'no']).default('no'),
        })
        .refine(q => q.min === undefined || q.min < 100, {
          message: 'below 100',
          path: ['min'],
        }),
      responses: {
        200: {
          description: 'The items.',
          body: z.object({ items: z.array(Item) }),
        },
      },
    },
    putItem: {
      method: 'put',
      path: '/items/:id',
      operationId: 'putItem',
      summary: 'Stores an item',
      params: z.object({ id: z.string().max(5) }),
      body: z.strictObject({ size: z.number().int().min(0) }),
      responses: { 200: { description: 'Stored.', body: Item } },
      errors: [404],
    },
  },
});

function setUp(options: { validateResponses?: boolean } = {}) {
  const api = createApiRouter({
    spec,
    validateResponses: options.validateResponses ?? true,
    async authenticate(req) {
      if (req.header('authorization') !== 'Bearer good') {
        throw new AuthenticationError('no credentials');
      }
      return { principal: { type: 'user' } } as BackstageCredentials;
    },
  });
  const items = new Map<string, number>([['a', 1]]);
  expect(api.unrouted()).toEqual(['listItems', 'putItem']);
  api.add(spec.operations.listItems, async ({ res, query }) => {
    const list = [...items]
      .filter(([, size]) => size >= (query.min ?? 0))
      .map(([id, size]) =>
        query.leak === 'yes' ? { id, size, secret: 's' } : { id, size },
      );
    res.json({ items: list });
  });
  api.add(spec.operations.putItem, async ({ res, params, body }) => {
    if (params.id === 'gone') throw new NotFoundError('no such item');
    items.set(params.id, body.size);
    res.json({ id: params.id, size: body.size });
  });
  expect(api.unrouted()).toEqual([]);
  const app = express();
  app.use(api.router);
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { api, app };
}

const auth = { Authorization: 'Bearer good' };

describe('createApiRouter', () => {
  it('serves a route with its query parsed and checked', async () => {
    const { app } = setUp();
    const res = await request(app).get('/items?min=1').set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [{ id: 'a', size: 1 }] });
  });

  it('answers 401 before looking at the input', async () => {
    const { app } = setUp();
    const res = await request(app).get('/items?min=x');
    expect(res.status).toBe(401);
  });

  it('answers 400 naming every bad field, refinements included', async () => {
    const { app } = setUp();
    const bad = await request(app).get('/items?min=x&leak=maybe').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^invalid query: min: .*leak:/);
    const refined = await request(app).get('/items?min=500').set(auth);
    expect(refined.status).toBe(400);
    expect(refined.body.error.message).toBe('invalid query: min: below 100');
    const unknown = await request(app).get('/items?mine=1').set(auth);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/mine/);
  });

  it('checks path parameters and requires a JSON body', async () => {
    const { app } = setUp();
    const ok = await request(app).put('/items/b').set(auth).send({ size: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: 'b', size: 2 });
    const long = await request(app)
      .put('/items/toolong')
      .set(auth)
      .send({ size: 2 });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/^invalid path parameters: id:/);
    const noBody = await request(app).put('/items/b').set(auth);
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.message).toMatch(/JSON body is required/);
    const text = await request(app)
      .put('/items/b')
      .set(auth)
      .set('Content-Type', 'text/plain')
      .send('size=2');
    expect(text.status).toBe(400);
    const extra = await request(app)
      .put('/items/b')
      .set(auth)
      .send({ size: 2, colour: 'red' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/colour/);
    const gone = await request(app)
      .put('/items/gone')
      .set(auth)
      .send({ size: 2 });
    expect(gone.status).toBe(404);
  });

  it('fails a response carrying a field its schema does not declare', async () => {
    const { app } = setUp();
    const res = await request(app).get('/items?leak=yes').set(auth);
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /listItems does not match its schema: undeclared fields items\[0\]\.secret/,
    );
    const unchecked = setUp({ validateResponses: false });
    const sent = await request(unchecked.app).get('/items?leak=yes').set(auth);
    expect(sent.status).toBe(200);
  });

  it('refuses an operation routed twice or not declared', () => {
    const { api } = setUp();
    expect(() => api.add(spec.operations.listItems, async () => {})).toThrow(
      /routed twice/,
    );
    expect(() =>
      api.add({ ...spec.operations.listItems }, async () => {}),
    ).toThrow(/not declared in the things API/);
    expect(() =>
      defineApi({
        pluginId: 'x',
        description: 'x',
        operations: {
          a: {
            method: 'get',
            path: '/a',
            operationId: 'a',
            summary: 'a',
            responses: {},
          },
          b: {
            method: 'get',
            path: '/a',
            operationId: 'b',
            summary: 'b',
            responses: {},
          },
        },
      }),
    ).toThrow(/declared twice/);
  });

  it('generates the OpenAPI document from the same schemas', async () => {
    const { api, app } = setUp();
    const served = await request(app).get('/openapi.json').set(auth);
    expect(served.status).toBe(200);
    const document = served.body;
    expect(document).toEqual(spec.document());
    expect(Object.keys(document.paths)).toEqual([
      '/items',
      '/items/{id}',
      '/openapi.json',
    ]);
    expect(documentOperations(document)).toEqual(routerOperations(api.router));
    expect(document.openapi).toBe('3.0.3');
    const list = document.paths['/items'].get;
    expect(list.parameters).toEqual([
      {
        name: 'min',
        in: 'query',
        required: false,
        description: 'Smallest size.',
        schema: { type: 'string', pattern: '^[0-9]+$' },
      },
      {
        name: 'tag',
        in: 'query',
        required: false,
        schema: { type: 'array', maxItems: 3, items: { type: 'string' } },
      },
      {
        name: 'leak',
        in: 'query',
        required: false,
        schema: { type: 'string', enum: ['yes', 'no'], default: 'no' },
      },
    ]);
    expect(Object.keys(list.responses)).toEqual(['200', '400', '401']);
    expect(
      list.responses[200].content['application/json'].schema.properties.items
        .items,
    ).toEqual({ $ref: '#/components/schemas/Item' });
    expect(document.components.schemas.Item).toMatchObject({
      type: 'object',
      description: 'One item.',
      required: ['id', 'size'],
    });
    const put = document.paths['/items/{id}'].put;
    expect(put.parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: { type: 'string', maxLength: 5 },
      },
    ]);
    expect(put.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              size: {
                type: 'integer',
                minimum: 0,
                maximum: expect.any(Number),
              },
            },
            required: ['size'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(Object.keys(put.responses)).toEqual(['200', '400', '401', '404']);
    expect(put.responses[404].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
  });

  it('tells when the committed document or the route table drifts', () => {
    const { api } = setUp();
    const dir = mkdtempSync(join(tmpdir(), 'api-doc-'));
    const file = join(dir, 'openapi.yaml');
    const check = (router = api.router) =>
      apiDocumentProblems({
        document: spec.document(),
        router,
        committedFile: file,
        pluginFolder: 'things-backend',
      });
    writeFileSync(file, stringify(spec.document()));
    expect(check()).toEqual([]);
    const stale = JSON.parse(JSON.stringify(spec.document()));
    stale.paths['/items'].get.summary = 'Old words';
    writeFileSync(file, stringify(stale));
    expect(check()).toEqual([
      expect.stringMatching(
        /is not the document generated .* scripts\/openapi\.cjs things-backend$/,
      ),
    ]);
    writeFileSync(file, stringify(spec.document()));
    const partial = createApiRouter({
      spec,
      authenticate: async () => ({} as BackstageCredentials),
    });
    expect(() => partial.complete()).toThrow(
      'things declares operations it does not route: listItems, putItem',
    );
    expect(api.complete()).toBe(api.router);
    expect(check(partial.router)).toEqual([
      'declared but not routed: get /items',
      'declared but not routed: put /items/{id}',
    ]);
  });
});

describe('readBody with a time bound', () => {
  const slowSpec = defineApi({
    pluginId: 'slow',
    description: 'Reads its body itself.',
    operations: {
      postThing: {
        method: 'post',
        path: '/things',
        operationId: 'postThing',
        summary: 'Stores a thing',
        body: z.strictObject({ name: z.string() }),
        bodyReadBy: 'handler',
        responses: { 200: { description: 'Stored.', body: z.object({}) } },
        errors: [408],
      },
    },
  });

  it('answers 408 and closes the connection when the body does not arrive in time, and reads a timely one', async () => {
    const api = createApiRouter({
      spec: slowSpec,
      authenticate: async () =>
        ({ principal: { type: 'user' } } as BackstageCredentials),
    });
    api.add(
      slowSpec.operations.postThing,
      async ({ res, readBody, parseBody }) => {
        parseBody(await readBody({ timeoutMs: 200 }));
        res.json({});
      },
    );
    const app = express();
    app.use(api.complete());
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    try {
      const timely = await request(server).post('/things').send({ name: 'a' });
      expect(timely.status).toBe(200);

      const { port } = server.address() as AddressInfo;
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/things',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 50 },
      });
      const answer = new Promise<{ status?: number; connection?: string }>(
        resolve =>
          req.on('response', res => {
            res.resume();
            resolve({
              status: res.statusCode,
              connection: res.headers.connection,
            });
          }),
      );
      req.on('error', () => {});
      req.write('{"name":');
      expect(await answer).toEqual({ status: 408, connection: 'close' });
      req.destroy();
    } finally {
      server.close();
    }
  });
});
