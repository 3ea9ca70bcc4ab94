import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  console?: {
    /**
     * The demo a newcomer sees at first start (src/demo): users invited
     * with the built-in roles, a day of AI metrics for two models, and
     * finished and running workflows of each built-in type. Each part is
     * seeded once, and only into an empty store. On in app-config.yaml,
     * off unless set (production, tests, benchmarks).
     */
    demoData?: {
      /** @default false */
      enabled?: boolean;
      /**
       * How long the demo's second model (keyword-sentiment) takes per
       * text, about the pace of a hosted model, so that its evaluation and
       * batch run for minutes. At most 50000 (activities heartbeat each
       * minute).
       * @default 6000
       */
      modelLatencyMs?: number;
      /**
       * When the seeding task runs (one replica at a time; a run after the
       * demo is complete only reads its markers).
       * @default { frequency: { seconds: 30 }, timeout: { minutes: 5 }, initialDelay: { seconds: 10 } }
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
