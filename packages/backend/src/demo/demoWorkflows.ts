import { KEYWORD_MODEL, LOCAL_MODEL } from './demoContent';

/** The dataset built into the workflows plugin (40 remarks to evaluate). */
const DATASET = 'sentiment-small';

/** One execution the demo starts through the workflows API. */
export type DemoExecution = {
  workflowId: string;
  type: 'modelEvaluation' | 'batchInference' | 'modelPromotion';
  input: Record<string, unknown>;
  /**
   * What a newcomer sees a few minutes after the start: `finished`, or
   * still `running` (the slow model's evaluation and batch for minutes, the
   * promotion until someone decides).
   */
  expect: 'finished' | 'running';
};

/**
 * The demo's executions. Workflow ids are fixed, so that a seeding that
 * stopped half-way starts only what is missing. Real runs, by the console's
 * worker: local-sentiment answers at once, keyword-sentiment at the pace of
 * `console.demoData.modelLatencyMs`; promotions started by a service can
 * only expire (a decision needs a user other than the starter), so the
 * finished ones have deadlines of minutes and the running one of a day.
 */
export function demoWorkflowPlan(): DemoExecution[] {
  return [
    {
      workflowId: 'demo-evaluation-local-sentiment-v1',
      type: 'modelEvaluation',
      input: { model: LOCAL_MODEL, version: 'v1', dataset: DATASET },
      expect: 'finished',
    },
    {
      workflowId: 'demo-evaluation-local-sentiment-v2',
      type: 'modelEvaluation',
      input: { model: LOCAL_MODEL, version: 'v2', dataset: DATASET },
      expect: 'finished',
    },
    {
      // a quick look at the slow model: its first eight remarks
      workflowId: 'demo-evaluation-keyword-sentiment-v1',
      type: 'modelEvaluation',
      input: {
        model: KEYWORD_MODEL,
        version: 'v1',
        dataset: DATASET,
        limit: 8,
        batchSize: 4,
      },
      expect: 'finished',
    },
    {
      // two remarks per activity, so that the progress moves visibly
      workflowId: 'demo-evaluation-keyword-sentiment-v2',
      type: 'modelEvaluation',
      input: {
        model: KEYWORD_MODEL,
        version: 'v2',
        dataset: DATASET,
        batchSize: 2,
      },
      expect: 'running',
    },
    {
      workflowId: 'demo-batch-local-sentiment-v1',
      type: 'batchInference',
      input: { model: LOCAL_MODEL, version: 'v1', dataset: DATASET },
      expect: 'finished',
    },
    {
      workflowId: 'demo-batch-local-sentiment-v2-tickets',
      type: 'batchInference',
      input: {
        model: LOCAL_MODEL,
        version: 'v2',
        items: [
          'The new dashboard loads fast and the team loves it',
          'Checkout failed again after the release',
          'Support answered quickly and fixed the login problem',
          'The export is slow and the numbers look wrong',
          'Great job on the migration, everything kept working',
        ],
      },
      expect: 'finished',
    },
    {
      workflowId: 'demo-batch-keyword-sentiment-v2',
      type: 'batchInference',
      input: {
        model: KEYWORD_MODEL,
        version: 'v2',
        dataset: DATASET,
        chunkSize: 2,
      },
      expect: 'running',
    },
    {
      workflowId: 'demo-promotion-keyword-sentiment-v1',
      type: 'modelPromotion',
      input: { model: KEYWORD_MODEL, toVersion: 'v1', decisionTimeout: '1m' },
      expect: 'finished',
    },
    {
      workflowId: 'demo-promotion-local-sentiment-v1',
      type: 'modelPromotion',
      input: {
        model: LOCAL_MODEL,
        fromVersion: 'v0',
        toVersion: 'v1',
        decisionTimeout: '2m',
      },
      expect: 'finished',
    },
    {
      workflowId: 'demo-promotion-local-sentiment-v2',
      type: 'modelPromotion',
      input: {
        model: LOCAL_MODEL,
        fromVersion: 'v1',
        toVersion: 'v2',
        decisionTimeout: '24h',
      },
      expect: 'running',
    },
  ];
}
