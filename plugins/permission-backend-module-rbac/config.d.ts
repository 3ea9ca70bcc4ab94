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
      /**
       * How long the last roles snapshot keeps serving while user-admin
       * cannot be reached, counted from when it was last known current; past
       * that every decision is a denial.
       * @default 30000
       */
      maxStaleMs?: number;
    };
  };
}
