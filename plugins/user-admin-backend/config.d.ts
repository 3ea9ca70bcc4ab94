export interface Config {
  /** Settings of the user-admin plugin; see docs/ for each key as it is added. */
  'user-admin'?: {};
}
