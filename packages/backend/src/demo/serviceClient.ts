import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  ApiClient,
  ApiOperation,
  createApiClient,
} from '@ai-ops-console/console-common';

/**
 * A client of another plugin's API (derived from its declared operations)
 * that calls it as this plugin: a service token per request, as AuthService
 * asks, so that the other plugin audits and authorizes `plugin:<id>`.
 */
export function serviceClient<Ops extends Record<string, ApiOperation>>(
  spec: { pluginId: string; operations: Ops },
  options: { auth: AuthService; discovery: DiscoveryService },
): ApiClient<Ops> {
  const { auth, discovery } = options;
  return createApiClient(spec, {
    discoveryApi: discovery,
    fetchApi: {
      async fetch(url, init) {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: spec.pluginId,
        });
        return fetch(url, {
          ...init,
          headers: { ...init?.headers, authorization: `Bearer ${token}` },
        });
      },
    },
  });
}
