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
       * TLS to the Temporal frontend. `true` trusts the system's CAs; the
       * object adds a private CA, a client certificate for mTLS (Temporal
       * Cloud or a cluster with requireClientAuth) and the name the server's
       * certificate is checked against. TLS is on when the object names a
       * file or a server name, says `enabled: true`, or when `apiKey` is set.
       * The files are read at start: restart to take a rotated certificate.
       * @default false
       */
      tls?:
        | boolean
        | {
            /**
             * On or off regardless of the other keys (`false` with files set
             * is refused as a contradiction).
             */
            enabled?: boolean;
            /** PEM file of the CA that signed the server's certificate, when not a public one. */
            caFile?: string;
            /** PEM file of the client certificate (mTLS); needs keyFile. */
            certFile?: string;
            /**
             * PEM file of the client certificate's private key (the path, not
             * the key: keep the file readable by the backend's user only).
             */
            keyFile?: string;
            /** Name to check the server's certificate against, when not the address's host. */
            serverName?: string;
          };
      /**
       * API key (Temporal Cloud, or a cluster that accepts keys); sent as a
       * bearer token, over TLS unless `tls` is `false`.
       * @visibility secret
       */
      apiKey?: string;
      /**
       * Add the search attributes the console needs (ConsoleStartedBy) when
       * the namespace lacks them. Development only: Temporal Cloud refuses
       * it, and production namespaces get them once from an operator
       * (docs/operator-guide.md, `scripts/temporal-setup.sh`). Without it
       * a missing attribute makes /health and every workflow call answer 503
       * naming the attribute and the command.
       * @default false
       */
      registerSearchAttributes?: boolean;
      /**
       * How long a health or API call waits for Temporal before it answers 503.
       * @default 5000
       */
      rpcTimeoutMs?: number;
    };
    worker?: {
      /**
       * Run the console's Temporal worker in this backend process. Set false
       * on API replicas when workers run as separate processes
       * (`CONSOLE_ROLE=worker`).
       * @default true
       */
      enabled?: boolean;
    };
    liveUpdates?: {
      /**
       * Tell browsers through Backstage signals that executions changed (one
       * replica at a time polls visibility every second, from a cursor in the
       * plugin's database; the message names no execution, browsers fetch
       * again through the API). The same feed counts the outcome metrics.
       * @default true
       */
      enabled?: boolean;
    };
    /**
     * OpenAI-compatible model endpoints the built-in workflows may use,
     * beside the built-in local model `local-sentiment`.
     */
    models?: Array<{
      /** Id shown in the start form, e.g. `gpt-4o-mini`. */
      id: string;
      /** Base URL before /chat/completions, e.g. https://api.openai.com/v1 */
      baseUrl: string;
      /** Model name sent in the request. */
      model: string;
      /**
       * Bearer token for the endpoint.
       * @visibility secret
       */
      apiKey?: string;
      /** gen_ai provider name recorded with metrics. @default openai */
      provider?: string;
      /** @default 30000 */
      timeoutMs?: number;
    }>;
  };
}
