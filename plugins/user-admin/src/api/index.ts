export { userAdminApiRef } from './UserAdminApi';
export type { UserAdminApi } from './UserAdminApi';
export { UserAdminClient } from './UserAdminClient';
