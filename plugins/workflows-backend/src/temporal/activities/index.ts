import { activityInfo, heartbeat } from '@temporalio/activity';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ModelRegistry } from '../models/ModelRegistry';
import { PredictionOutcome } from '../workflows/types';
import { ConsoleMetricEvent, MetricsRecorder } from './MetricsRecorder';

export type { ConsoleMetricEvent, MetricsRecorder } from './MetricsRecorder';

type PredictOptions = {
  model: string;
  version: string;
  offset: number;
  count: number;
};

/** Most characters of a label value the ai-metrics ingest API takes. */
const MAX_LABEL_VALUE = 256;

/** The workflow run of the activity being executed. */
function workflowRun(): { workflowId: string; runId: string } {
  const run = activityInfo().workflowExecution;
  if (!run) {
    throw new Error('metric events are recorded by activities of a workflow');
  }
  return run;
}

/**
 * The metric event id of `key` (an item index, 'accuracy', 'promotion'):
 * scoped to the workflow run, not to its workflow id, which a custom id
 * makes the same for every run (ai-metrics would count only the first run).
 * The same in every attempt of an activity, so a retried activity's events
 * count once.
 */
function runScopedId(key: string | number): string {
  return `${workflowRun().runId}:${key}`;
}

/** Labels that tie an event to the workflow run that recorded it. */
function runLabels(): Record<string, string> {
  const { workflowId, runId } = workflowRun();
  return {
    workflow_id: workflowId.slice(0, MAX_LABEL_VALUE),
    workflow_run_id: runId,
  };
}

/**
 * The activities of the console's built-in workflows, bound to their
 * dependencies (dependency injection as in Temporal's samples).
 */
export function createActivities(deps: {
  models: ModelRegistry;
  metrics: MetricsRecorder;
  logger: LoggerService;
}) {
  const { models, metrics } = deps;

  async function classifyAll(
    options: PredictOptions,
    items: Array<{ index: number; text: string; expected?: string }>,
    labels: string[],
  ): Promise<PredictionOutcome[]> {
    const model = models.model(options.model);
    const outcomes: PredictionOutcome[] = [];
    for (const item of items) {
      const started = performance.now();
      try {
        const r = await model.classify({ text: item.text, labels });
        outcomes.push({
          index: item.index,
          label: r.label,
          expected: item.expected,
          correct:
            item.expected === undefined ? undefined : r.label === item.expected,
          latencyMs: performance.now() - started,
          inputTokens: r.inputTokens,
          outputTokens: r.outputTokens,
        });
      } catch (error) {
        outcomes.push({
          index: item.index,
          error: error instanceof Error ? error.message : String(error),
          latencyMs: performance.now() - started,
          inputTokens: 0,
          outputTokens: 0,
        });
      }
      heartbeat(item.index);
    }
    await metrics.record(
      outcomes.map(o => ({
        id: runScopedId(o.index),
        model: options.model,
        version: options.version,
        provider: model.provider,
        operation: 'classification',
        latencyMs: o.latencyMs,
        inputTokens: o.inputTokens,
        outputTokens: o.outputTokens,
        success: !o.error,
        errorType: o.error ? 'model_error' : undefined,
        score: o.correct === undefined ? undefined : Number(o.correct),
        labels: runLabels(),
      })),
    );
    return outcomes;
  }

  return {
    async describeDataset(options: { dataset: string; limit?: number }) {
      const size = models.dataset(options.dataset).eval.length;
      return { size: Math.min(size, options.limit ?? size) };
    },

    /** Classifies dataset items [offset, offset+count) and scores them. */
    async predictBatch(
      options: PredictOptions & { dataset: string },
    ): Promise<PredictionOutcome[]> {
      const dataset = models.dataset(options.dataset);
      const items = dataset.eval
        .slice(options.offset, options.offset + options.count)
        .map((row, i) => ({
          index: options.offset + i,
          text: row.text,
          expected: row.label,
        }));
      return classifyAll(options, items, dataset.labels);
    },

    /** Classifies given texts, or dataset items without scoring them. */
    async predictItems(
      options: PredictOptions & { items?: string[]; dataset?: string },
    ): Promise<PredictionOutcome[]> {
      const dataset = options.dataset
        ? models.dataset(options.dataset)
        : undefined;
      const texts =
        options.items ??
        dataset!.eval
          .slice(options.offset, options.offset + options.count)
          .map(r => r.text);
      const labels = dataset?.labels ?? ['positive', 'negative'];
      return classifyAll(
        options,
        texts.map((text, i) => ({ index: options.offset + i, text })),
        labels,
      );
    },

    /** Records events whose ids are unique within the workflow run. */
    async recordMetrics(options: { events: ConsoleMetricEvent[] }) {
      await metrics.record(
        options.events.map(event => ({
          ...event,
          id: runScopedId(event.id),
          labels: { ...event.labels, ...runLabels() },
        })),
      );
    },

    /** Records the promotion; what "promote" means beyond that is a deployment's own activity. */
    async promoteModel(options: {
      model: string;
      fromVersion?: string;
      toVersion: string;
      approvedBy: string;
    }) {
      deps.logger.info(
        `model ${options.model} promoted to ${options.toVersion} (approved by ${options.approvedBy})`,
      );
      await metrics.record([
        {
          id: runScopedId('promotion'),
          model: options.model,
          version: options.toVersion,
          operation: 'promotion',
          latencyMs: 0,
          success: true,
          labels: {
            from_version: options.fromVersion ?? '',
            approved_by: options.approvedBy,
            ...runLabels(),
          },
        },
      ]);
      return { promotedAt: new Date().toISOString() };
    },
  };
}

export type ConsoleActivities = ReturnType<typeof createActivities>;
