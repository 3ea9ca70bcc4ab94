export interface Config {
  /** The console's own settings shared by every backend plugin. */
  console?: {
    http?: {
      /**
       * Origins besides app.baseUrl, backend.baseUrl and backend.cors.origin
       * whose pages may send state-changing requests with the console's
       * cookies (e.g. a second portal host). `*` matches one host label.
       */
      allowedOrigins?: string[];
    };
  };
}
