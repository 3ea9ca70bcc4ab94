import {
  coreServices,
  createServiceFactory,
  RootHttpRouterService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { Router } from 'express';
import { createServer } from 'node:net';
import { consoleMetricsRegistry } from './httpMetrics';
import { consoleRootHttpRouterServiceFactory } from './rootHttpRouter';

// The console's root HTTP router, with one plugin mounted as Backstage mounts
// them (`use('/api/<pluginId>', router)`). Paths under /api/ are chosen by
// whoever sends the request, signed in or not: the metrics' label values must
// come from the plugins and routes that exist.

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** Every value the HTTP duration histogram has for a label. */
async function labelValues(label: 'plugin' | 'route'): Promise<Set<string>> {
  const metric = await consoleMetricsRegistry
    .getSingleMetric('http_server_request_duration_seconds')!
    .get();
  return new Set(metric.values.map(v => String(v.labels[label])));
}

describe('HTTP metrics of the console root router', () => {
  let base: string;
  const shutdownHooks: Array<() => void | Promise<void>> = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const tester = ServiceFactoryTester.from(
      consoleRootHttpRouterServiceFactory,
      {
        dependencies: [
          mockServices.rootConfig.factory({
            data: {
              backend: {
                baseUrl: base,
                listen: { host: '127.0.0.1', port },
              },
            },
          }),
          createServiceFactory({
            service: coreServices.rootLifecycle,
            deps: {},
            factory: () => ({
              addStartupHook() {},
              addBeforeShutdownHook() {},
              addShutdownHook(hook: () => void | Promise<void>) {
                shutdownHooks.push(hook);
              },
            }),
          }),
        ],
      },
    );
    const root: RootHttpRouterService = await tester.getSubject();
    const demo = Router();
    demo.get('/items/:id', (_req, res) => {
      res.json({ ok: true });
    });
    root.use('/api/demo', demo);
  });
  afterAll(async () => {
    for (const hook of shutdownHooks) await hook();
  });

  it('labels a mounted plugin by its id and its route template', async () => {
    const res = await fetch(`${base}/api/demo/items/42`);
    expect(res.status).toBe(200);
    const text = await consoleMetricsRegistry.metrics();
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{plugin="demo",route="\/items\/:id",method="GET",status="200"\} [1-9]/,
    );
    expect(text).not.toContain('/items/42');
  });

  it('adds at most one label value for 1,000 requests to paths no plugin serves', async () => {
    const plugins = await labelValues('plugin');
    const routes = await labelValues('route');
    for (let n = 0; n < 1000; n++) {
      const res = await fetch(`${base}/api/x${n}/${n}/items`, {
        method: n % 2 ? 'GET' : 'POST',
      });
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    }
    const addedPlugins = [...(await labelValues('plugin'))].filter(
      v => !plugins.has(v),
    );
    const addedRoutes = [...(await labelValues('route'))].filter(
      v => !routes.has(v),
    );
    expect(addedPlugins.length).toBeLessThanOrEqual(1);
    expect(addedRoutes.length).toBeLessThanOrEqual(1);
    expect((await consoleMetricsRegistry.metrics()).match(/x\d+/)).toBeNull();
  });
});
