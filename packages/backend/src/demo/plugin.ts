import {
  AuthService,
  coreServices,
  createBackendPlugin,
  DatabaseService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { aiMetricsApiSpec } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  AiMetricsProducerService,
  aiMetricsProducerServiceRef,
} from '@ai-ops-console/backstage-plugin-ai-metrics-node';
import { userAdminApiSpec } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { workflowsApiSpec } from '@ai-ops-console/backstage-plugin-workflows-common';
import { DemoMarkers } from './DemoMarkers';
import { DemoSeeder } from './DemoSeeder';
import { DemoExecution, demoWorkflowPlan } from './demoWorkflows';
import { DemoMetrics } from './parts/DemoMetrics';
import { DemoUsers } from './parts/DemoUsers';
import { DemoWorkflows } from './parts/DemoWorkflows';
import { serviceClient } from './serviceClient';
import { readDemoDataSettings } from './settings';

/** The seeding task; global: one replica at a time runs it. */
export const DEMO_SEED_TASK = 'console-demo-seed';

/**
 * The seeder of this plugin's parts: each through its plugin's own API as
 * `plugin:console-demo`, their decisions in the plugin's own database.
 */
export async function createDemoSeeder(
  deps: {
    auth: AuthService;
    discovery: DiscoveryService;
    database: DatabaseService;
    logger: LoggerService;
    aiMetrics: AiMetricsProducerService;
  },
  options: { plan?: DemoExecution[] } = {},
): Promise<DemoSeeder> {
  const clients = { auth: deps.auth, discovery: deps.discovery };
  return new DemoSeeder({
    markers: await DemoMarkers.create({ database: deps.database }),
    logger: deps.logger,
    parts: [
      new DemoUsers(serviceClient(userAdminApiSpec, clients)),
      new DemoMetrics({
        aiMetrics: serviceClient(aiMetricsApiSpec, clients),
        producer: deps.aiMetrics,
      }),
      new DemoWorkflows({
        workflows: serviceClient(workflowsApiSpec, clients),
        plan: options.plan ?? demoWorkflowPlan(),
      }),
    ],
  });
}

/**
 * The console's demo (`console.demoData.enabled`): what a newcomer sees at
 * the first start of an empty console. Host-app code, not a product
 * plugin: it only calls the other plugins' APIs.
 */
export const demoDataPlugin = createBackendPlugin({
  pluginId: 'console-demo',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        aiMetrics: aiMetricsProducerServiceRef,
      },
      async init(deps) {
        const { logger } = deps;
        const settings = readDemoDataSettings(deps.config);
        if (!settings.enabled) return;
        const seeder = await createDemoSeeder(deps);
        await deps.scheduler.scheduleTask({
          id: DEMO_SEED_TASK,
          scope: 'global',
          ...settings.schedule,
          fn: async () => {
            await seeder
              .run()
              .catch(error =>
                logger.warn(
                  `demo data: seeding paused, the next run goes on: ${error.message}`,
                ),
              );
          },
        });
      },
    });
  },
});
