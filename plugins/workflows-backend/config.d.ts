export interface Config {
  workflows?: {
    temporal?: {
      /**
       * host:port of the Temporal frontend service.
       * @default 127.0.0.1:7233
       */
      address?: string;
      /**
       * Namespace the console starts and lists workflows in.
       * @default default
       */
      namespace?: string;
      /**
       * Task queue of the console's own worker.
       * @default ai-ops-console
       */
      taskQueue?: string;
      /**
       * Connect with TLS (Temporal Cloud or a TLS-enabled cluster).
       * @default false
       */
      tls?: boolean;
      /**
       * API key for Temporal Cloud; implies TLS.
       * @visibility secret
       */
      apiKey?: string;
      /**
       * How long a health or API call waits for Temporal before it answers 503.
       * @default 5000
       */
      rpcTimeoutMs?: number;
    };
  };
}
