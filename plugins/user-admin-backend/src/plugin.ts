import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './service/router';
import { DatabaseHealth } from './service/DatabaseHealth';

/**
 * The user-admin backend plugin: users, registration, sessions, roles and audit.
 *
 * @public
 */
export const userAdminPlugin = createBackendPlugin({
  pluginId: 'user-admin',
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
