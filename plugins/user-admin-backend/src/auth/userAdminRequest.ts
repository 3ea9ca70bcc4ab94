import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/**
 * How another plugin of the backend calls user-admin's internal routes: as
 * itself (its own service credentials, `plugin:<id>`), with a JSON body.
 * Answers the response as it is; the caller decides what a status means.
 */
export function userAdminRequest(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  return async (path: string, init?: { method?: string; body?: unknown }) => {
    const baseUrl = await options.discovery.getBaseUrl('user-admin');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'user-admin',
    });
    return fetch(`${baseUrl}${path}`, {
      method: init?.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
  };
}
