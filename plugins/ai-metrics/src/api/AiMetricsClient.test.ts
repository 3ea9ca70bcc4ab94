import { ResponseError } from '@backstage/errors';
import { AiMetricsClient } from './AiMetricsClient';

const BASE = 'http://localhost:7007/api/ai-metrics';
const FROM = '2026-01-10T00:00:00.000Z';
const TO = '2026-01-11T00:00:00.000Z';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    statusText: String(status),
    headers: { 'content-type': 'application/json' },
  });
}

function setup(respond: (url: string) => Response = () => json(200, {})) {
  const urls: string[] = [];
  const methods: Array<string | undefined> = [];
  const fetchApi = {
    fetch: jest.fn(async (input: any, init?: RequestInit) => {
      const url = String(input);
      urls.push(url);
      methods.push(init?.method);
      return respond(url);
    }),
  };
  const discoveryApi = { getBaseUrl: jest.fn(async () => BASE) };
  const client = new AiMetricsClient({ discoveryApi, fetchApi });
  return { client, urls, methods, discoveryApi };
}

/** The path and the query parameters of a URL, repeated ones as arrays. */
function parse(url: string) {
  const parsed = new URL(url);
  const query: Record<string, string[]> = {};
  parsed.searchParams.forEach((value, key) => {
    (query[key] ??= []).push(value);
  });
  return { path: `${parsed.origin}${parsed.pathname}`, query };
}

describe('AiMetricsClient', () => {
  it('lists the models from the plugin base URL', async () => {
    const body = {
      items: [
        {
          model: 'a',
          versions: ['v1'],
          firstSeen: FROM,
          lastSeen: TO,
        },
      ],
    };
    const { client, urls, discoveryApi } = setup(() => json(200, body));
    await expect(client.listModels()).resolves.toEqual(body);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('ai-metrics');
    expect(urls).toEqual([`${BASE}/models`]);
  });

  it('asks for series with repeated model and version parameters', async () => {
    const { client, urls } = setup(() =>
      json(200, {
        from: FROM,
        to: TO,
        stepSeconds: 900,
        resolution: 'minute',
        series: [],
      }),
    );
    await client.getSeries({
      from: FROM,
      to: TO,
      step: '15m',
      models: ['local-sentiment'],
      versions: ['v1', 'v2'],
      groupBy: 'version',
    });
    expect(parse(urls[0])).toEqual({
      path: `${BASE}/series`,
      query: {
        from: [FROM],
        to: [TO],
        step: ['15m'],
        model: ['local-sentiment'],
        version: ['v1', 'v2'],
        groupBy: ['version'],
      },
    });
  });

  it('leaves out what was not given, since the backend refuses empty parameters', async () => {
    const { client, urls } = setup(() => json(200, { series: [] }));
    await client.getSeries({ from: FROM, to: TO, models: [], versions: [] });
    expect(parse(urls[0]).query).toEqual({ from: [FROM], to: [TO] });
  });

  it('compares several models, encoding their names', async () => {
    const { client, urls } = setup(() =>
      json(200, { from: FROM, to: TO, items: [] }),
    );
    await client.compare({
      from: FROM,
      to: TO,
      models: ['gpt-4o', 'team/model a&b'],
    });
    expect(urls[0]).toContain('model=team%2Fmodel+a%26b');
    expect(parse(urls[0])).toEqual({
      path: `${BASE}/compare`,
      query: { from: [FROM], to: [TO], model: ['gpt-4o', 'team/model a&b'] },
    });
  });

  it('keeps a model name that holds a comma whole, one parameter per name', async () => {
    const { client, urls, methods } = setup(() =>
      json(200, { from: FROM, to: TO, items: [] }),
    );
    await client.compare({ from: FROM, to: TO, models: ['a,b', 'c'] });
    await client.compare({ from: FROM, to: TO, models: ['a,b'] });
    expect(urls.map(url => parse(url).query.model)).toEqual([
      ['a,b', 'c'],
      ['a,b'],
    ]);
    expect(methods).toEqual(['GET', 'GET']);
  });

  it('ranks the top models by a measure with a limit', async () => {
    const { client, urls } = setup(() =>
      json(200, { from: FROM, to: TO, by: 'latencyP95', items: [] }),
    );
    await client.getTop({ from: FROM, to: TO, by: 'latencyP95', limit: 5 });
    expect(parse(urls[0])).toEqual({
      path: `${BASE}/top`,
      query: { from: [FROM], to: [TO], by: ['latencyP95'], limit: ['5'] },
    });
  });

  it('throws a ResponseError carrying the status and the backend message', async () => {
    // the shape of Backstage's error middleware
    const { client } = setup(() =>
      json(403, {
        error: { name: 'NotAllowedError', message: 'not allowed to read a' },
        request: { method: 'GET', url: '/api/ai-metrics/compare' },
        response: { statusCode: 403 },
      }),
    );
    const error = await client
      .compare({ from: FROM, to: TO, models: ['a'] })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error).toEqual({
      name: 'NotAllowedError',
      message: 'not allowed to read a',
    });
  });

  it('treats a 503 as an error too, whatever its body', async () => {
    const { client } = setup(() =>
      json(503, {
        error: { name: 'ServiceUnavailableError', message: 'db down' },
      }),
    );
    await expect(client.listModels()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 503,
    });
  });
});
