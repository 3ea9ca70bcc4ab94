import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './service/router';
import { DatabaseHealth } from './service/DatabaseHealth';

/**
 * The ai-metrics backend plugin: ingests, stores, aggregates and exports model metrics.
 *
 * @public
 */
export const aiMetricsPlugin = createBackendPlugin({
  pluginId: 'ai-metrics',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ database, httpAuth, httpRouter }) {
        const db = await database.getClient();
        httpRouter.use(
          await createRouter({
            httpAuth,
            database: new DatabaseHealth({ db }),
          }),
        );
      },
    });
  },
});
