import { z } from 'zod';
import { WORKFLOW_STATUSES } from '../types';

// What callers send to the workflows API: path parameters, queries and the
// parts the request bodies share. The schemas refuse here what Temporal
// would otherwise refuse late or hang on.

/**
 * A query parameter holding an integer in decimal digits: unlike
 * z.coerce.number(), "", " 5", "1e1" and "0x10" are refused. Documented as
 * the integer it stands for.
 */
const queryInteger = (min: number, max: number) =>
  z.preprocess((value, ctx) => {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value)) {
      return Number(value);
    }
    ctx.addIssue({ code: 'custom', message: 'an integer', input: value });
    return z.NEVER;
  }, z.number().int().min(min).max(max));

/** A comma-separated query parameter, split into its non-blank values. */
const csv = z
  .string()
  .max(2000)
  .transform(s =>
    s
      .split(',')
      .map(v => v.trim())
      .filter(Boolean),
  );

/**
 * A string of a visibility query. NUL is refused: Temporal does not answer a
 * query holding one (the call ran into its deadline, a 503 after seconds).
 */
const queryText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex -- NUL is what it refuses
    .regex(/^[^\x00]*$/, 'must not contain NUL characters');

const QueryText = queryText(300).meta({
  id: 'QueryText',
  description: 'Part of a visibility query; NUL characters are refused.',
});

/** Temporal run ids are UUIDs; anything else is refused here, not by Temporal. */
export const RunId = z.guid('a run id is a UUID').meta({
  id: 'RunId',
  description:
    'A run of the workflow id (Temporal run ids are UUIDs); the latest run when absent.',
});

export const Reason = z
  .string()
  .max(2000)
  .trim()
  .min(1, 'a reason is required')
  .meta({
    id: 'Reason',
    description:
      'Recorded with the caller; blank reasons are refused (blanks around it are trimmed).',
  });

export const pageToken = z
  .string()
  .max(4000)
  .regex(/^[A-Za-z0-9_-]*$/)
  .optional()
  .meta({ description: 'The nextPageToken of the previous page' });

// a prefault (unlike a default) is written into the document of a
// preprocessed schema; it runs through the preprocessing, hence the number
// case of queryInteger
export const pageSize = queryInteger(1, 1000)
  .prefault(100)
  .meta({ description: 'How many to answer at most' });

const DateTime = z.iso.datetime({ offset: true }).meta({
  id: 'DateTime',
  description: 'An ISO 8601 date and time, with Z or an offset',
});

const from = DateTime.optional().meta({ description: 'StartTime at or after' });

const to = DateTime.optional().meta({ description: 'StartTime at or before' });

const startedBy = QueryText.optional().meta({ description: 'User entity ref' });

const idPrefix = QueryText.optional().meta({
  description: 'Workflow ids that start with this',
});

/** The visibility filter of the list and counts routes, as a query. */
export const filterQuery = z
  .object({
    status: csv
      .pipe(z.array(z.enum(WORKFLOW_STATUSES)))
      .optional()
      .meta({
        description:
          'Comma-separated statuses (see Status), e.g. Running,Failed',
      }),
    type: csv
      .pipe(z.array(queryText(200)).max(50))
      .optional()
      .meta({
        description:
          'Comma-separated workflow types (at most 50, each at most 200 characters, no NUL)',
      }),
    startedBy,
    idPrefix,
    from,
    to,
  })
  .strict();

export const listQuery = filterQuery.extend({ pageSize, pageToken }).strict();

export const BatchFilter = z
  .object({
    type: z
      .array(queryText(200))
      .max(50)
      .optional()
      .meta({ description: 'Workflow types (each at most 200 characters)' }),
    startedBy,
    idPrefix,
    from,
    to,
  })
  .strict()
  .meta({
    id: 'BatchFilter',
    description:
      'Which running executions the batch acts on; every execution the caller may act on when empty.',
  });

export const workflowIdParams = z.object({
  workflowId: z.string().meta({ description: 'The workflow id' }),
});

export const runIdQuery = z.object({ runId: RunId.optional() }).strict();
