import {
  AuthService,
  BackendFeature,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { aiMetricsProducerServiceRef } from '@ai-ops-console/backstage-plugin-ai-metrics-node';
import { Knex } from 'knex';
import { DemoSeeder } from '../DemoSeeder';
import { DemoExecution } from '../demoWorkflows';
import { createDemoSeeder } from '../plugin';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/** The plugin whose service tokens the tests call the plugins' APIs with. */
const OBSERVER_ID = 'test-observer';

/**
 * The databases a test runs on (SQLite and PostgreSQL): PostgreSQL is
 * required when CONSOLE_TEST_REQUIRE_POSTGRES is set, so that a suite never
 * passes on SQLite alone unnoticed.
 */
export function demoDatabases(
  ids: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'],
) {
  const databases = TestDatabases.create({ ids });
  if (
    ids.includes('POSTGRES_15') &&
    process.env.CONSOLE_TEST_REQUIRE_POSTGRES
  ) {
    beforeAll(() => {
      if (!databases.supports('POSTGRES_15')) {
        throw new Error('no PostgreSQL to test against');
      }
    });
  }
  return databases;
}

/**
 * A new database of its own for each plugin, as a real backend has (the
 * plugins' migrations would collide in one); a second backend given the
 * same map is a second replica of the same console.
 */
export async function pluginDatabases(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  pluginIds: string[],
): Promise<Map<string, Knex>> {
  const map = new Map<string, Knex>();
  for (const id of new Set([OBSERVER_ID, 'console-demo', ...pluginIds])) {
    map.set(id, await databases.init(databaseId));
  }
  return map;
}

function databaseFactory(knexByPlugin: Map<string, Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory({ plugin }) {
      const knex = knexByPlugin.get(plugin.getId());
      if (!knex) throw new Error(`no test database for ${plugin.getId()}`);
      return { getClient: async () => knex };
    },
  });
}

/**
 * A backend with the given plugins and Backstage's own auth, httpAuth and
 * permission services (real service tokens; services are allowed).
 * `authorization(pluginId)` is a header to call a plugin's API with, as a
 * plugin (user-admin refuses tokens from outside Backstage). Unless the
 * demo plugin itself is among the features (`withSeeder: false`), a
 * stand-in of it hands out the seeder the real one schedules, so that a
 * test runs it when it wants.
 */
export async function startDemoBackend(options: {
  features: BackendFeature[];
  databases: Map<string, Knex>;
  config?: ConfigData;
  plan?: DemoExecution[];
  withSeeder?: boolean;
}) {
  let seeder: DemoSeeder | undefined;
  let auth: AuthService | undefined;
  const observer = createBackendPlugin({
    pluginId: OBSERVER_ID,
    register(env) {
      env.registerInit({
        deps: { auth: coreServices.auth },
        async init(deps) {
          auth = deps.auth;
        },
      });
    },
  });
  const harness = createBackendPlugin({
    pluginId: 'console-demo',
    register(env) {
      env.registerInit({
        deps: {
          logger: coreServices.logger,
          database: coreServices.database,
          auth: coreServices.auth,
          discovery: coreServices.discovery,
          aiMetrics: aiMetricsProducerServiceRef,
        },
        async init(deps) {
          seeder = await createDemoSeeder(deps, { plan: options.plan });
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      observer,
      ...(options.withSeeder === false ? [] : [harness]),
      ...options.features,
      databaseFactory(options.databases),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...options.config },
      }),
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
    ],
  });
  return {
    backend,
    /** Undefined with `withSeeder: false`. */
    seeder: seeder as DemoSeeder,
    async authorization(targetPluginId: string) {
      const { token } = await auth!.getPluginRequestToken({
        onBehalfOf: await auth!.getOwnServiceCredentials(),
        targetPluginId,
      });
      return `Bearer ${token}`;
    },
  };
}
