import { z } from 'zod';

/**
 * Most custom labels one event may carry; labels are stored with the raw event
 * and never become Prometheus labels, but an unbounded map would let one
 * producer grow every row.
 * @public
 */
export const AI_METRIC_EVENT_MAX_LABELS = 16;

// no leading __ (reserved in Prometheus, and __proto__ must never become a key)
const LABEL_KEY = /^(?!__)[a-zA-Z_][a-zA-Z0-9_.-]{0,62}$/;
// gen_ai.operation.name: chat, text_completion, embeddings, generate_content, execute_tool, ...
const OPERATION = /^[a-z][a-z0-9_.]{0,63}$/;
// W3C trace context trace-id, as OpenTelemetry writes it
const TRACE_ID = /^[0-9a-f]{32}$/;

// PostgreSQL text cannot hold NUL: refuse it here with a 400, not in the database
const noNul = (value: string) => !value.includes('\u0000');
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(noNul, 'must not contain NUL characters');

/**
 * One metric event of a model call, as producers send it to
 * `POST /api/ai-metrics/events`. The fields map to the OpenTelemetry GenAI
 * semantic conventions: `operation` is `gen_ai.operation.name`, `provider`
 * `gen_ai.provider.name`, `model` `gen_ai.request.model`, `errorType`
 * `error.type`, the token counts `gen_ai.usage.input_tokens` and
 * `gen_ai.usage.output_tokens`.
 * @public
 */
export const aiMetricEventSchema = z
  .strictObject({
    /** Idempotency key: an event whose id was already stored is counted once. */
    id: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .meta({
        description:
          'Idempotency key. An event whose id is already stored is counted as a duplicate and changes nothing, as long as the first copy is within the raw event retention.',
      }),
    /** When the call happened (RFC 3339 with a zone). */
    timestamp: z.iso.datetime({ offset: true }).meta({
      description:
        'When the call happened (RFC 3339 with a zone). At most 5 minutes ahead of the server clock and not older than aiMetrics.retention.rawEvents.',
    }),
    model: text(200),
    version: text(100).optional(),
    provider: text(64).meta({ example: 'openai' }),
    operation: z
      .string()
      .regex(OPERATION, 'lower case letters, digits, _ and . (e.g. chat)')
      .meta({ example: 'chat' }),
    /** Duration of the call in milliseconds. */
    latencyMs: z
      .number()
      .min(0)
      .max(86_400_000)
      .meta({ description: 'Duration of the call in milliseconds.' }),
    inputTokens: z.number().int().min(0).max(1e12).optional(),
    outputTokens: z.number().int().min(0).max(1e12).optional(),
    costUsd: z.number().min(0).max(1e9).optional(),
    /** false marks a failed call; `errorType` says why (default `_OTHER`). */
    success: z.boolean().optional().meta({
      description:
        'false marks a failure; without errorType it is recorded as error type _OTHER.',
    }),
    errorType: text(128).optional().meta({
      description:
        'Presence marks a failure (error.type). Refused together with success true.',
    }),
    /** Accuracy or evaluation score of the answer, 0 to 1. */
    score: z.number().min(0).max(1).optional().meta({
      description: 'Accuracy or evaluation score of the answer.',
    }),
    labels: z
      .record(
        z
          .string()
          .regex(
            LABEL_KEY,
            'a letter or _ (not __), then letters, digits, _, . or -; at most 63',
          ),
        z.string().max(256).refine(noNul, 'must not contain NUL characters'),
      )
      .refine(
        labels => Object.keys(labels).length <= AI_METRIC_EVENT_MAX_LABELS,
        {
          message: `at most ${AI_METRIC_EVENT_MAX_LABELS} labels`,
        },
      )
      .optional()
      .meta({
        description: `Custom labels, stored with the raw event (never Prometheus labels). At most ${AI_METRIC_EVENT_MAX_LABELS}; keys match ^[a-zA-Z_][a-zA-Z0-9_.-]{0,62}$ and do not start with __.`,
        maxProperties: AI_METRIC_EVENT_MAX_LABELS,
      }),
    traceId: z
      .string()
      .regex(TRACE_ID, '32 lower-case hex digits (W3C trace id)')
      .optional()
      .meta({ description: 'W3C trace id of the call.' }),
  })
  .refine(event => !(event.success === true && event.errorType), {
    message: 'errorType is set but success is true',
    path: ['errorType'],
  })
  .meta({
    id: 'Event',
    description:
      'One model call. Field names map to the OpenTelemetry GenAI semantic conventions: operation = gen_ai.operation.name, provider = gen_ai.provider.name, model = gen_ai.request.model, errorType = error.type, inputTokens / outputTokens = gen_ai.usage.input_tokens / output_tokens. Unknown fields are refused.',
  });

/**
 * An event as a producer writes it.
 * @public
 */
export type AiMetricEventInput = z.input<typeof aiMetricEventSchema>;

/**
 * An event after validation.
 * @public
 */
export type AiMetricEvent = z.output<typeof aiMetricEventSchema>;

/**
 * The body of `POST /api/ai-metrics/events`. The backend bounds the number of
 * events per batch from its config (`aiMetrics.ingest.maxBatchSize`).
 * @public
 */
export const aiMetricEventBatchSchema = z
  .strictObject({
    events: z.array(aiMetricEventSchema).min(1).meta({
      description:
        'At most aiMetrics.ingest.maxBatchSize events (default 1000); the index of a bad event is named in the 400.',
    }),
  })
  .meta({
    id: 'EventBatch',
    description: 'A batch of events, validated whole.',
  });

/**
 * A batch as a producer writes it.
 * @public
 */
export type AiMetricEventBatchInput = z.input<typeof aiMetricEventBatchSchema>;
