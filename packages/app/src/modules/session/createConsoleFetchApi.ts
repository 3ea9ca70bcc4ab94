import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import type {
  ConfigApi,
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/frontend-plugin-api';
import type { SessionExpiryStore } from './SessionExpiryStore';
import { createSessionExpiryMiddleware } from './sessionExpiryMiddleware';

/**
 * The app's fetch API: the same as the default one of `@backstage/plugin-app`
 * (`plugin://` URLs resolved through discovery, then the user's Backstage
 * token injected for the backend), with the session expiry watch in between.
 */
export function createConsoleFetchApi(options: {
  configApi: ConfigApi;
  discoveryApi: DiscoveryApi;
  identityApi: IdentityApi;
  store: SessionExpiryStore;
  /** For tests: the fetch underneath the middleware. */
  baseImplementation?: typeof fetch;
}): FetchApi {
  const { configApi, discoveryApi, identityApi, store } = options;
  return createFetchApi({
    baseImplementation: options.baseImplementation,
    middleware: [
      FetchMiddlewares.resolvePluginProtocol({ discoveryApi }),
      createSessionExpiryMiddleware({
        store,
        backendBaseUrl: configApi.getString('backend.baseUrl'),
      }),
      FetchMiddlewares.injectIdentityAuth({ identityApi, config: configApi }),
    ],
  });
}
