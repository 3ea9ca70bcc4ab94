/**
 * The answer of `GET /api/user-admin/health`.
 * @public
 */
export type UserAdminHealth = {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean; client: string; message?: string };
};
