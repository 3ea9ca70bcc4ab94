import { z } from 'zod';
import { topBySchema } from './queries';

// The answers of the ai-metrics API. The router's tests check every answer
// against these schemas, the wire types of types.ts are inferred from them,
// and they are the response schemas of the OpenAPI document.

const count = z.number().int().min(0);
const dateTime = z.iso.datetime();

/** `GET /health`, with 200 or 503. */
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({
      reachable: z.boolean(),
      client: z.string(),
      message: z.string().optional().meta({
        description:
          'Present when the database does not answer; says only that (the cause is logged).',
      }),
    }),
  })
  .meta({
    id: 'Health',
    description: "Whether the plugin's database answers a trivial query.",
  });

/** `POST /events` */
export const ingestResultSchema = z
  .object({
    accepted: count.meta({
      description:
        'Events that were new and are now stored (committed before this answer).',
    }),
    duplicates: count.meta({
      description:
        'Events whose id was already stored, or repeated in the batch.',
    }),
  })
  .meta({ id: 'IngestResult' });

const summaryFields = {
  requests: count,
  errors: count,
  errorRate: z
    .number()
    .nullable()
    .meta({ description: 'errors / requests; null without requests.' }),
  requestRate: z.number().meta({ description: 'Requests per second.' }),
  latencyMs: z
    .object({
      p50: z.number().nullable(),
      p95: z.number().nullable(),
      p99: z.number().nullable(),
      mean: z.number().nullable(),
    })
    .meta({ description: 'Latency percentiles and mean, in milliseconds.' }),
  inputTokens: count,
  outputTokens: count,
  costUsd: z.number(),
  accuracy: z.number().nullable().meta({
    description:
      'Mean score of the events that carried one; null when none did.',
  }),
  scoredEvents: count,
};
const SUMMARY_DESCRIPTION =
  'Figures of a stretch of time from the rollups. Latency percentiles come from merged log-bucketed histograms (at most 1% relative error); they are the value of rank floor(q * (n - 1)). Null when there were no calls.';

export const summarySchema = z.object(summaryFields).meta({
  id: 'Summary',
  description: SUMMARY_DESCRIPTION,
});

// the summary's fields and the time (not allOf: both parts would refuse the
// other's fields, as each is a closed object)
export const pointSchema = z
  .object({
    time: dateTime.meta({ description: 'Start of the step.' }),
    ...summaryFields,
  })
  .meta({
    id: 'Point',
    description: `The summary of one step [time, time + step). ${SUMMARY_DESCRIPTION}`,
  });

/** A model, or a version of it when grouped by version. */
const modelKey = {
  model: z.string(),
  version: z
    .string()
    .optional()
    .meta({ description: 'Present when grouped by version.' }),
};

/** `GET /series` */
export const seriesResponseSchema = z
  .object({
    from: dateTime.meta({
      description: 'from, rounded down to the resolution.',
    }),
    to: dateTime.meta({ description: 'End of the last step.' }),
    stepSeconds: z.number().int().min(1),
    resolution: z.enum(['minute', 'hour']).meta({
      description:
        'hour when the step is a whole number of hours, minute otherwise.',
    }),
    series: z.array(z.object({ ...modelKey, points: z.array(pointSchema) })),
  })
  .meta({ id: 'SeriesResponse' });

/** The range of a summary, rounded out to whole minutes. */
const wholeMinutes = {
  from: dateTime.meta({
    description: 'from, rounded down to a whole minute.',
  }),
  to: dateTime.meta({ description: 'to, rounded up to a whole minute.' }),
};

/** `GET /compare` */
export const compareResponseSchema = z
  .object({
    ...wholeMinutes,
    items: z.array(z.object({ ...modelKey, summary: summarySchema })),
  })
  .meta({ id: 'CompareResponse' });

/** `GET /top` */
export const topResponseSchema = z
  .object({
    ...wholeMinutes,
    by: topBySchema,
    items: z.array(
      z.object({
        ...modelKey,
        value: z.number().meta({
          description:
            'The figure ranked by; items without one (no p95 without calls) are left out.',
        }),
        summary: summarySchema,
      }),
    ),
  })
  .meta({ id: 'TopResponse' });

/** `GET /models` */
export const modelsResponseSchema = z
  .object({
    items: z.array(
      z.object({
        model: z.string(),
        versions: z.array(z.string()),
        firstSeen: dateTime.meta({
          description:
            'First hour with data (within the hour rollup retention).',
        }),
        lastSeen: dateTime.meta({ description: 'Last hour with data.' }),
      }),
    ),
  })
  .meta({ id: 'ModelsResponse' });

/** Rows of each table of the store. */
export const tableCountsSchema = z.object({
  rawEvents: count,
  minuteRollups: count,
  hourRollups: count,
});

/** `GET /admin/status` */
export const adminStatusSchema = z
  .object({
    rows: tableCountsSchema.meta({ description: 'Rows of each table.' }),
    oldestRawEvent: dateTime
      .nullable()
      .meta({ description: 'null when no raw event is stored.' }),
    retentionSeconds: z
      .object({
        rawEvents: z.number(),
        minuteRollups: z.number(),
        hourRollups: z.number(),
      })
      .meta({ description: 'aiMetrics.retention, in seconds.' }),
    ingestBatchesInFlight: count.meta({
      description: 'In the replica that answered.',
    }),
  })
  .meta({ id: 'AdminStatus' });

/** `POST /admin/retention/run` */
export const retentionResultSchema = z
  .object({
    deleted: tableCountsSchema.meta({
      description: 'Rows deleted from each table.',
    }),
  })
  .meta({ id: 'RetentionResult' });
