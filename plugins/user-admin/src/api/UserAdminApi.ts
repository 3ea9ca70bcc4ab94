import { createApiRef } from '@backstage/frontend-plugin-api';
import { UserAdminHealth } from '@internal/backstage-plugin-user-admin-common';

/** What the user-admin frontend asks of its backend. @public */
export interface UserAdminApi {
  /** Whether the backend reaches its database; resolves for 200 and 503 alike. */
  getHealth(): Promise<UserAdminHealth>;
}

/** @public */
export const userAdminApiRef = createApiRef<UserAdminApi>().with({
  id: 'plugin.user-admin.api',
  pluginId: 'user-admin',
});
