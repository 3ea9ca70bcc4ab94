import { ResponseError } from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createApiClient, operationPath, operationQuery } from './client';
import { defineApi } from './operations';

const Item = z.object({ id: z.string(), size: z.number() });

const spec = defineApi({
  pluginId: 'things',
  description: 'A test API.',
  operations: {
    getThing: {
      method: 'get',
      path: '/things/:thingId',
      operationId: 'getThing',
      summary: 'One thing',
      params: z.object({ thingId: z.string() }),
      query: z.object({ view: z.string().optional() }),
      responses: { 200: { description: 'The thing.', body: Item } },
      errors: [404],
    },
    listThings: {
      method: 'get',
      path: '/things',
      operationId: 'listThings',
      summary: 'Things',
      query: z.object({
        status: z.string().optional(),
        pageSize: z.coerce.number().optional(),
      }),
      responses: {
        200: {
          description: 'Things.',
          body: z.object({ items: z.array(Item) }),
        },
      },
    },
    compareThings: {
      method: 'get',
      path: '/compare',
      operationId: 'compareThings',
      summary: 'Things side by side',
      // a parameter repeated for several values, as express parses it
      query: z.object({
        thing: z
          .union([z.string(), z.array(z.string())])
          .transform(v => (Array.isArray(v) ? v : [v])),
        colour: z.union([z.string(), z.array(z.string())]).optional(),
      }),
      responses: {
        200: {
          description: 'Things.',
          body: z.object({ items: z.array(Item) }),
        },
      },
    },
    createThing: {
      method: 'post',
      path: '/things',
      operationId: 'createThing',
      summary: 'Creates a thing',
      body: z.object({ size: z.number() }),
      responses: { 201: { description: 'Created.', body: Item } },
    },
    deleteThing: {
      method: 'delete',
      path: '/things/:thingId',
      operationId: 'deleteThing',
      summary: 'Deletes a thing',
      params: z.object({ thingId: z.string() }),
      responses: { 204: { description: 'Deleted.' } },
    },
    getHealth: {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: 'Health',
      responses: {
        200: { description: 'Up.', body: z.object({ status: z.string() }) },
        503: { description: 'Down.', body: z.object({ status: z.string() }) },
      },
    },
    getMetrics: {
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Metrics',
      responses: { 200: { description: 'Text.', contentType: 'text/plain' } },
    },
  },
});

type Seen = { method?: string; url?: string; type?: string; body: string };

describe('createApiClient', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let answer: { status: number; type?: string; body?: string } = {
    status: 200,
  };

  const read = (req: IncomingMessage) =>
    new Promise<string>(resolve => {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => resolve(text));
    });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      seen.push({
        method: req.method,
        url: req.url,
        type: req.headers['content-type'],
        body: await read(req),
      });
      res.statusCode = answer.status;
      if (answer.type) res.setHeader('Content-Type', answer.type);
      res.end(answer.body);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
  });

  const discoveryApi = {
    getBaseUrl: async (pluginId: string) => `${baseUrl}/${pluginId}`,
  };
  const client = createApiClient(spec, {
    discoveryApi,
    fetchApi: { fetch: (url, init) => fetch(url, init) },
  });
  const json = (status: number, body: unknown) => {
    answer = {
      status,
      type: 'application/json',
      body: JSON.stringify(body),
    };
  };

  it('fills and encodes path parameters and sends the query', async () => {
    json(200, { id: 'a/b', size: 1 });
    const thing = await client.getThing({
      params: { thingId: 'a/b c' },
      query: { view: 'full' },
    });
    expect(thing).toEqual({ id: 'a/b', size: 1 });
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/api/things/things/a%2Fb%20c?view=full',
        body: '',
      }),
    ]);
  });

  it('leaves out empty query values and sends lists comma-separated', async () => {
    json(200, { items: [] });
    await client.listThings({
      query: { status: ['a', 'b'] as unknown as string, pageSize: undefined },
    });
    await client.listThings();
    expect(seen.map(s => s.url)).toEqual([
      '/api/things/things?status=a%2Cb',
      '/api/things/things',
    ]);
  });

  it('repeats a parameter declared as a list, as the document says', async () => {
    json(200, { items: [] });
    await client.compareThings({
      query: { thing: ['a,b', 'c d'], colour: ['red', '', 'blue'] },
    });
    await client.compareThings({ query: { thing: 'one', colour: [] } });
    expect(seen.map(s => s.url)).toEqual([
      '/api/things/compare?thing=a%2Cb&thing=c+d&colour=red&colour=blue',
      '/api/things/compare?thing=one',
    ]);
  });

  it('sends the body as JSON and answers the declared status', async () => {
    json(201, { id: 'x', size: 3 });
    await expect(client.createThing({ body: { size: 3 } })).resolves.toEqual({
      id: 'x',
      size: 3,
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      type: 'application/json',
      body: '{"size":3}',
    });
  });

  it('answers undefined for a response without a body', async () => {
    answer = { status: 204 };
    await expect(
      client.deleteThing({ params: { thingId: 't' } }),
    ).resolves.toBeUndefined();
    expect(seen[0].method).toBe('DELETE');
  });

  it('takes a declared non-2xx response as an answer', async () => {
    json(503, { status: 'down' });
    await expect(client.getHealth()).resolves.toEqual({ status: 'down' });
  });

  it('rejects an undeclared status with a ResponseError carrying the server error', async () => {
    json(404, {
      error: { name: 'NotFoundError', message: 'no thing t' },
      request: { method: 'GET', url: '/things/t' },
      response: { statusCode: 404 },
    });
    const error = await client
      .getThing({ params: { thingId: 't' } })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('no thing t');
  });

  it('reads a declared non-JSON media type as text', async () => {
    answer = { status: 200, type: 'text/plain', body: 'up 1\n' };
    await expect(client.getMetrics()).resolves.toBe('up 1\n');
  });

  it('refuses to call without a path parameter', async () => {
    await expect(client.getThing({ params: { thingId: '' } })).rejects.toThrow(
      'getThing needs the path parameter thingId',
    );
    expect(seen).toEqual([]);
  });
});

describe('operationPath and operationQuery', () => {
  it.each([
    ['/a/:x/b/:y', { x: '1', y: 'two words' }, '/a/1/b/two%20words'],
    ['/plain', {}, '/plain'],
    [
      '/users/:userRef',
      { userRef: 'user:default/jo' },
      '/users/user%3Adefault%2Fjo',
    ],
  ])('%s with %j is %s', (path, params, expected) => {
    expect(operationPath({ path, operationId: 'op' }, params)).toBe(expected);
  });

  it.each([
    [{}, ''],
    [{ a: undefined, b: '', c: null }, ''],
    [{ a: 0, b: false }, '?a=0&b=false'],
    [{ list: [] }, ''],
    [{ list: ['x', 'y'] }, '?list=x%2Cy'],
  ])('query %j is %s', (query, expected) => {
    expect(operationQuery(query)).toBe(expected);
  });
});

describe('types derived from the declarations (checked by tsc)', () => {
  it('refuses calls the contract does not allow', () => {
    const typed = createApiClient(spec, {
      discoveryApi: { getBaseUrl: async () => '' },
      fetchApi: { fetch: async () => new Response('{}') },
    });
    const calls = [
      // @ts-expect-error the path parameter is required
      () => typed.getThing({}),
      // @ts-expect-error the body must match the declared schema
      () => typed.createThing({ body: { size: 'big' } }),
      // @ts-expect-error operations are named by their operationId
      () => typed.removeThing(),
      async () => {
        const thing = await typed.getThing({ params: { thingId: 'x' } });
        // @ts-expect-error a response has only its declared fields
        return thing.colour;
      },
    ];
    expect(calls).toHaveLength(4);
  });
});

describe('the document operation', () => {
  it('is part of every derived client', async () => {
    const typed = createApiClient(spec, {
      discoveryApi: { getBaseUrl: async () => 'http://x' },
      fetchApi: {
        fetch: async () =>
          new Response('{"openapi":"3.0.3","paths":{}}', {
            headers: { 'Content-Type': 'application/json' },
          }),
      },
    });
    await expect(typed.getOpenApiDocument()).resolves.toMatchObject({
      openapi: '3.0.3',
    });
  });
});
