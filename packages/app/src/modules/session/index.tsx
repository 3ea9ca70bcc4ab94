import {
  ApiBlueprint,
  AppRootElementBlueprint,
  coreApis,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { oidcAuthApiRef } from '../auth';
import { createConsoleFetchApi } from './createConsoleFetchApi';
import { SessionExpiryBanner } from './SessionExpiryBanner';
import {
  createSessionExpiryStore,
  sessionExpiryApiRef,
} from './SessionExpiryStore';

export { sessionExpiryApiRef, SessionExpiryStore } from './SessionExpiryStore';
export type { SessionExpiryState } from './SessionExpiryStore';

/** The store; it notes an OIDC sign-in so that Sign in again knows the way. */
const sessionExpiryApi = ApiBlueprint.make({
  name: 'session-expiry',
  params: defineParams =>
    defineParams({
      api: sessionExpiryApiRef,
      deps: { oidcAuthApi: oidcAuthApiRef },
      factory: ({ oidcAuthApi }) => createSessionExpiryStore({ oidcAuthApi }),
    }),
});

/**
 * Replaces the app plugin's fetch API (same extension id, `api:app/fetch`)
 * with the same middleware plus the session expiry watch.
 */
const fetchApi = ApiBlueprint.make({
  name: 'fetch',
  params: defineParams =>
    defineParams({
      api: coreApis.fetch,
      deps: {
        configApi: coreApis.config,
        discoveryApi: coreApis.discovery,
        identityApi: coreApis.identity,
        store: sessionExpiryApiRef,
      },
      factory: ({ configApi, discoveryApi, identityApi, store }) =>
        createConsoleFetchApi({ configApi, discoveryApi, identityApi, store }),
    }),
});

const sessionExpiryBanner = AppRootElementBlueprint.make({
  name: 'session-expiry-banner',
  params: { element: <SessionExpiryBanner /> },
});

/**
 * Session expiry and revocation: notices when the backend refuses the
 * session (401), says why in a banner, and signs in again in the identity
 * provider's window without leaving the page.
 */
export const sessionModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sessionExpiryApi, fetchApi, sessionExpiryBanner],
});
