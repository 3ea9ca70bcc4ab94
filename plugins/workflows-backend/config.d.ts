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
