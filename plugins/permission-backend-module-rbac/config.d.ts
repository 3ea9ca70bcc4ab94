export interface Config {
  permission?: {
    rbac?: {
      /**
       * User entity refs (e.g. `user:default/jane`) that may do everything.
       * Until roles are stored by user-admin, everyone else may only take
       * actions whose permission has the `read` action.
       */
      admins?: string[];
    };
  };
}
