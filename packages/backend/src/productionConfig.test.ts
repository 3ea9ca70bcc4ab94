import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { HostDiscovery } from '@backstage/backend-defaults/discovery';
import {
  productionConfigCheckPlugin,
  productionConfigProblems,
  readTrustProxy,
  selfResolvedPlugins,
} from '@ai-ops-console/console-node';
import { resolve } from 'node:path';

// The repository's own config files, loaded as the backend loads them.
const root = resolve(__dirname, '../../..');
const PRODUCTION_ENV: Record<string, string> = {
  APP_BASE_URL: 'https://console.corp.example',
  BACKEND_BASE_URL: 'https://console.corp.example',
  BACKEND_SECRET: 'b'.repeat(40),
  AUTH_SESSION_SECRET: 's'.repeat(40),
  REDIS_URL: 'redis://redis:6379',
  POSTGRES_HOST: 'db',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'console',
  POSTGRES_PASSWORD: 'p',
  AUTH_OIDC_METADATA_URL:
    'https://idp.corp.example/.well-known/openid-configuration',
  AUTH_OIDC_CLIENT_ID: 'console',
  AUTH_OIDC_CLIENT_SECRET: 'c',
  AUTH_GITHUB_CLIENT_ID: 'g',
  AUTH_GITHUB_CLIENT_SECRET: 'g',
  CONSOLE_BOOTSTRAP_ADMIN: 'admin@corp.example',
  CONSOLE_EMAIL_DOMAIN: 'corp.example',
  TEMPORAL_ADDRESS: 'temporal:7233',
};

async function load(files: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  for (const key of Object.keys(PRODUCTION_ENV)) delete process.env[key];
  Object.assign(process.env, env);
  try {
    const { appConfigs } = await loadConfig({
      configRoot: root,
      configTargets: files.map(f => ({ path: resolve(root, f) })),
    });
    return ConfigReader.fromConfigs(appConfigs);
  } finally {
    process.env = saved;
  }
}

const without = (name: string) => {
  const { [name]: _, ...rest } = PRODUCTION_ENV;
  return rest;
};

describe('app-config.production.yaml', () => {
  it('stands alone: no guest, no development IdP, no dev origin, a strict CSP', async () => {
    const config = await load(['app-config.production.yaml'], PRODUCTION_ENV);
    expect(productionConfigProblems(config)).toEqual([]);
    expect(config.getConfig('auth.providers').keys().sort()).toEqual([
      'github',
      'oidc',
    ]);
    expect(config.getConfig('auth.providers.oidc').keys()).toEqual([
      'production',
    ]);
    expect(config.getString('backend.cors.origin')).toBe(
      'https://console.corp.example',
    );
    expect(config.getStringArray('backend.csp.connect-src')).toEqual([
      "'self'",
    ]);
    expect(config.getStringArray('permission.rbac.admins')).toEqual([]);
    expect(config.getString('auth.session.secret')).toBe('s'.repeat(40));
  });

  it('takes Temporal TLS, mTLS and an API key from the environment, all optional', async () => {
    const plain = await load(['app-config.production.yaml'], PRODUCTION_ENV);
    expect(plain.getConfig('workflows.temporal').get()).toEqual({
      address: 'temporal:7233',
      namespace: 'default',
      taskQueue: 'ai-ops-console',
      tls: {},
    });
    expect(productionConfigProblems(plain)).toEqual([]);

    const secured = await load(['app-config.production.yaml'], {
      ...PRODUCTION_ENV,
      TEMPORAL_NAMESPACE: 'console.a1b2c',
      TEMPORAL_API_KEY: 'temporal-key',
      TEMPORAL_TLS: 'true',
      TEMPORAL_TLS_CA_FILE: '/etc/temporal/ca.pem',
      TEMPORAL_TLS_CERT_FILE: '/etc/temporal/client.pem',
      TEMPORAL_TLS_KEY_FILE: '/etc/temporal/client-key.pem',
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(secured.getConfig('workflows.temporal').get()).toEqual({
      address: 'temporal:7233',
      namespace: 'console.a1b2c',
      taskQueue: 'ai-ops-console',
      apiKey: 'temporal-key',
      tls: {
        enabled: 'true',
        caFile: '/etc/temporal/ca.pem',
        certFile: '/etc/temporal/client.pem',
        keyFile: '/etc/temporal/client-key.pem',
        serverName: 'temporal.internal',
      },
    });
    expect(productionConfigProblems(secured)).toEqual([]);
  });

  it.each([
    [
      'AUTH_SESSION_SECRET',
      /auth\.session\.secret is not set: set AUTH_SESSION_SECRET/,
    ],
    ['BACKEND_SECRET', /backend\.auth\.keys is not set: set BACKEND_SECRET/],
    ['APP_BASE_URL', /app\.baseUrl is not set: set APP_BASE_URL/],
  ])('names %s when it is missing', async (variable, problem) => {
    const config = await load(
      ['app-config.production.yaml'],
      without(variable),
    );
    expect(productionConfigProblems(config)).toEqual(
      expect.arrayContaining([expect.stringMatching(problem)]),
    );
  });

  it('finds every development value when layered on app-config.yaml', async () => {
    const config = await load(
      ['app-config.yaml', 'app-config.production.yaml'],
      without('AUTH_SESSION_SECRET'),
    );
    const problems = productionConfigProblems(config).join('\n');
    expect(problems).toMatch(/auth\.session\.secret is a development value/);
    expect(problems).toMatch(/auth\.providers\.guest is configured/);
    expect(problems).toMatch(
      /auth\.providers\.oidc\.development is configured/,
    );
    expect(problems).toMatch(
      /workflows\.temporal\.registerSearchAttributes is true/,
    );
  });

  it('finds a development origin, an open CSP and the guest as admin', () => {
    const config = new ConfigReader({
      app: { baseUrl: 'https://console.corp.example' },
      backend: {
        cors: {
          origin: ['https://console.corp.example', 'http://localhost:3000'],
        },
        csp: { 'connect-src': ["'self'", 'http:', 'https:'] },
      },
      permission: { rbac: { admins: ['user:development/guest'] } },
    });
    const problems = productionConfigProblems(config).join('\n');
    expect(problems).toMatch(
      /backend\.cors\.origin allows http:\/\/localhost:3000, which is not the app/,
    );
    expect(problems).toMatch(/connect-src allows any host \(http:, https:\)/);
    expect(problems).toMatch(/user:development\/guest/);
  });

  it('the development config itself is not fit for production', async () => {
    const config = await load(['app-config.yaml'], {});
    expect(productionConfigProblems(config).length).toBeGreaterThanOrEqual(5);
  });
});

describe('starting a production backend', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  async function start(env: Record<string, string>) {
    const config = await load(['app-config.production.yaml'], env);
    process.env.NODE_ENV = 'production';
    return startTestBackend({
      features: [
        productionConfigCheckPlugin,
        mockServices.rootConfig.factory({ data: config.get() as any }),
      ],
    });
  }

  it('fails with a message naming the missing variable', async () => {
    await expect(start(without('AUTH_SESSION_SECRET'))).rejects.toThrow(
      /not fit for production[\s\S]*set AUTH_SESSION_SECRET/,
    );
  });

  it('starts when everything is set', async () => {
    const backend = await start(PRODUCTION_ENV);
    await backend.stop();
  });
});

describe('the production config behind a proxy, with worker-only processes', () => {
  const discoveryOf = (config: ConfigReader) =>
    HostDiscovery.fromConfig(config);
  const workerPlugins = ['workflows', 'events', 'signals'];
  const selfResolved = async (config: ConfigReader) =>
    (
      await selfResolvedPlugins({
        config,
        discovery: discoveryOf(config),
        pluginIds: ['ai-metrics', 'user-admin', 'auth', 'permission'],
        installed: workerPlugins,
      })
    ).map(p => p.pluginId);

  it('as shipped alone, resolves what a worker calls to the worker itself', async () => {
    const config = await load(['app-config.production.yaml'], PRODUCTION_ENV);
    expect(await selfResolved(config)).toEqual([
      'ai-metrics',
      'user-admin',
      'auth',
      'permission',
    ]);
  });

  it('with app-config.worker.yaml, sends them to CONSOLE_API_URL and runs the worker', async () => {
    const config = await load(
      ['app-config.production.yaml', 'app-config.worker.yaml'],
      { ...PRODUCTION_ENV, CONSOLE_API_URL: 'http://console-api:7007' },
    );
    expect(await selfResolved(config)).toEqual([]);
    await expect(discoveryOf(config).getBaseUrl('ai-metrics')).resolves.toBe(
      'http://console-api:7007/api/ai-metrics',
    );
    await expect(discoveryOf(config).getBaseUrl('workflows')).resolves.toBe(
      'http://localhost:7007/api/workflows',
    );
    expect(config.getBoolean('workflows.worker.enabled')).toBe(true);
    expect(productionConfigProblems(config)).toEqual([]);
  });

  it('reads BACKEND_TRUST_PROXY as proxy hops or addresses, and trusts no proxy without it', async () => {
    const read = async (value?: string) =>
      readTrustProxy(
        await load(['app-config.production.yaml'], {
          ...PRODUCTION_ENV,
          ...(value === undefined ? {} : { BACKEND_TRUST_PROXY: value }),
        }),
      );
    await expect(read('1')).resolves.toBe(1);
    await expect(read('10.0.0.0/8')).resolves.toBe('10.0.0.0/8');
    await expect(read()).resolves.toBeUndefined();
    await expect(read('true')).rejects.toThrow(/BACKEND_TRUST_PROXY=1/);
  });
});
