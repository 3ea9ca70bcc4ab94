export { userAdminPlugin as default } from './plugin';
export { userAdminApiRef } from './api';
export type { UserAdminApi } from './api';
