export interface Config {
  permission?: {
    rbac?: {
      /**
       * Break-glass: user entity refs (e.g. `user:default/jane`) that may do
       * everything whatever the stored roles say. Roles themselves are managed
       * in user-admin.
       */
      admins?: string[];
      /**
       * Longest time a cached roles snapshot is used; every role or user
       * change drops the cache at once through the events backend.
       * @default 30000
       */
      cacheTtlMs?: number;
    };
  };
}
