import { z } from 'zod';

// The query schemas of the read routes: the backend validates each request
// with them, they type the derived client's calls, and they are the query
// parameters of the OpenAPI document.

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A query parameter holding an integer in decimal digits: unlike
 * z.coerce.number(), "", " 5", "1e1" and "0x10" are refused.
 */
const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?[0-9]{1,16}$/, 'an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const time = z.iso
  .datetime({ offset: true })
  .transform(value => Date.parse(value));

const from = time.meta({
  description: 'Start of the range (RFC 3339 with a zone).',
});
const to = time.meta({
  description: 'End of the range (RFC 3339 with a zone); must be after from.',
});

/** A model or version name; NUL is refused (PostgreSQL fails on it: a 500). */
const name = z
  .string()
  .min(1)
  .max(200)
  // a pattern rather than a refinement, so that the document says it too
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000]*$/, 'must not contain NUL characters')
  .meta({ description: 'NUL characters are refused.' });

const BETWEEN_1_AND_50 = 'between 1 and 50 values';

/** `?model=a&model=b` or `?model=a`, as a list. */
const list = z
  .union([
    name,
    z.array(name).min(1, BETWEEN_1_AND_50).max(50, BETWEEN_1_AND_50),
  ])
  .meta({
    id: 'NameList',
    description:
      'One name, or the parameter repeated for several (at most 50).',
  })
  .transform(value => (Array.isArray(value) ? value : [value]));

const MODELS = 'A model name; repeat the parameter for several (at most 50).';
const versions = list.optional().meta({
  description:
    'A model version; repeat the parameter for several (at most 50).',
});

/** A step such as 60s, 5m, 1h or 1d, in milliseconds; whole minutes only. */
const step = z
  .string()
  .regex(
    /^[1-9][0-9]{0,5}[smhd]$/,
    'a number and a unit s, m, h or d (e.g. 5m)',
  )
  .transform(value => Number(value.slice(0, -1)) * UNIT_MS[value.slice(-1)])
  .refine(ms => ms % UNIT_MS.m === 0, {
    message: 'a whole number of minutes (rollups are per minute)',
  });

/** What `GET /top` ranks by, highest first. */
export const topBySchema = z.enum(['cost', 'latencyP95', 'errors', 'requests']);

const groupBy = z
  .enum(['model', 'version'])
  .default('model')
  .meta({ description: 'One series or item per model, or per version.' });

const afterFrom = {
  message: 'must be after from',
  path: ['to'],
};

/** `GET /series` */
export const seriesQuerySchema = z
  .strictObject({
    from,
    to,
    step: step.optional().meta({
      description:
        'Length of a point, e.g. 5m, 1h, 1d (whole minutes). Whole hours read hour rollups, other steps minute rollups. Default: the smallest of 1m, 5m, 15m, 30m, 1h, 3h, 6h, 12h, 1d that gives at most 200 points. At most aiMetrics.query.maxPoints points and 20160 rollup buckets per series.',
    }),
    model: list.optional().meta({ description: MODELS }),
    version: versions,
    groupBy,
  })
  .refine(q => q.to > q.from, afterFrom);

/** `GET /compare` */
export const compareQuerySchema = z
  .strictObject({
    from,
    to,
    model: list.meta({ description: MODELS }),
    version: versions,
  })
  .refine(q => q.to > q.from, afterFrom)
  .refine(q => !q.version || q.model.length === 1, {
    message: 'comparing versions needs exactly one model',
    path: ['version'],
  });

/** `GET /top` */
export const topQuerySchema = z
  .strictObject({
    from,
    to,
    by: topBySchema
      .default('cost')
      .meta({ description: 'What to rank by, highest first.' }),
    limit: queryInteger(1, 100)
      .prefault('10')
      .meta({ description: 'How many items, an integer from 1 to 100.' }),
    groupBy,
  })
  .refine(q => q.to > q.from, afterFrom);

/** Routes without query parameters (`GET /models`, the admin routes). */
export const noQuerySchema = z.strictObject({});
