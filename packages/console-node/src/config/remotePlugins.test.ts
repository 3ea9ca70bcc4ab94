import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { HostDiscovery } from '@backstage/backend-defaults/discovery';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  createRemotePluginsCheckPlugin,
  selfResolvedPlugins,
} from './remotePlugins';

// Backstage's own HostDiscovery, read from the config a worker-only process
// would run with: without discovery.endpoints it resolves every plugin to
// the process's own listening address.
const worker = (extra: object = {}) =>
  new ConfigReader({
    backend: {
      baseUrl: 'https://console.example.com',
      listen: { port: '7083' },
    },
    ...extra,
  });

const toApi = (target: string) => ({
  discovery: {
    endpoints: [{ target, plugins: ['ai-metrics', 'user-admin'] }],
  },
});

async function check(config: ConfigReader, installed = ['workflows']) {
  return selfResolvedPlugins({
    config,
    discovery: HostDiscovery.fromConfig(config),
    pluginIds: ['ai-metrics', 'user-admin', 'workflows'],
    installed,
  });
}

describe('selfResolvedPlugins', () => {
  it('finds the plugins a worker calls but does not host when discovery falls back to itself', async () => {
    await expect(check(worker())).resolves.toEqual([
      { pluginId: 'ai-metrics', url: 'http://localhost:7083/api/ai-metrics' },
      { pluginId: 'user-admin', url: 'http://localhost:7083/api/user-admin' },
    ]);
  });

  it('accepts discovery.endpoints pointing them at the API replicas, even on the same host', async () => {
    await expect(
      check(worker(toApi('http://localhost:7080/api/{{pluginId}}'))),
    ).resolves.toEqual([]);
    await expect(
      check(worker(toApi('http://console-api.internal:7007/api/{{pluginId}}'))),
    ).resolves.toEqual([]);
  });

  it('finds an endpoint that names the process itself by another loopback name', async () => {
    await expect(
      check(worker(toApi('http://127.0.0.1:7083/api/{{pluginId}}'))),
    ).resolves.toHaveLength(2);
  });

  it('leaves out the plugins the process hosts', async () => {
    await expect(
      check(worker(), ['workflows', 'ai-metrics', 'user-admin']),
    ).resolves.toEqual([]);
  });
});

describe('createRemotePluginsCheckPlugin', () => {
  const hosted = createBackendPlugin({
    pluginId: 'workflows',
    register(env) {
      env.registerInit({ deps: {}, async init() {} });
    },
  });

  const start = (config: ConfigReader) =>
    startTestBackend({
      features: [
        hosted,
        createRemotePluginsCheckPlugin({
          pluginIds: ['ai-metrics', 'user-admin'],
          hint: 'set CONSOLE_API_URL',
        }),
        mockServices.rootConfig.factory({ data: config.get() as any }),
        createServiceFactory({
          service: coreServices.discovery,
          deps: { config: coreServices.rootConfig },
          factory: ({ config: root }) => HostDiscovery.fromConfig(root),
        }),
      ],
    });

  it('refuses to start a process whose discovery resolves a plugin it does not host to itself, naming what to set', async () => {
    await expect(start(worker())).rejects.toThrow(
      'this process does not host ai-metrics, user-admin, but discovery resolves them to this process (http://localhost:7083/api/ai-metrics, http://localhost:7083/api/user-admin): set discovery.endpoints for ai-metrics, user-admin to a backend that hosts them (set CONSOLE_API_URL)',
    );
  });

  it('starts when discovery.endpoints sends them elsewhere', async () => {
    const backend = start(
      worker(toApi('http://localhost:7080/api/{{pluginId}}')),
    );
    await expect(backend).resolves.toBeDefined();
    await (await backend).stop();
  });
});
