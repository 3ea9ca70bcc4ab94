import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './service/router';
import { TemporalService } from './service/TemporalService';

/**
 * The workflows backend plugin: runs and governs AI workflows on Temporal.
 *
 * @public
 */
export const workflowsPlugin = createBackendPlugin({
  pluginId: 'workflows',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, httpAuth, httpRouter, lifecycle }) {
        const temporal = TemporalService.fromConfig({ config, logger });
        lifecycle.addShutdownHook(() => temporal.close());
        httpRouter.use(await createRouter({ httpAuth, temporal }));
      },
    });
  },
});
