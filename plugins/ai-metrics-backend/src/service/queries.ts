import { z } from 'zod';

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

/** A model or version name; NUL is refused (PostgreSQL fails on it: a 500). */
const name = z
  .string()
  .min(1)
  .max(200)
  .refine(
    value => !value.includes('\u0000'),
    'must not contain NUL characters',
  );

/** `?model=a&model=b` or `?model=a`, as a list. */
const list = z
  .union([name, z.array(name)])
  .transform(value => (Array.isArray(value) ? value : [value]))
  .refine(value => value.length > 0 && value.length <= 50, {
    message: 'between 1 and 50 values',
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

const groupBy = z.enum(['model', 'version']).default('model');

const afterFrom = {
  message: 'must be after from',
  path: ['to'],
};

/** `GET /series` */
export const seriesQuerySchema = z
  .strictObject({
    from: time,
    to: time,
    step: step.optional(),
    model: list.optional(),
    version: list.optional(),
    groupBy,
  })
  .refine(q => q.to > q.from, afterFrom);

/** `GET /compare` */
export const compareQuerySchema = z
  .strictObject({
    from: time,
    to: time,
    model: list,
    version: list.optional(),
  })
  .refine(q => q.to > q.from, afterFrom)
  .refine(q => !q.version || q.model.length === 1, {
    message: 'comparing versions needs exactly one model',
    path: ['version'],
  });

/** `GET /top` */
export const topQuerySchema = z
  .strictObject({
    from: time,
    to: time,
    by: z.enum(['cost', 'latencyP95', 'errors', 'requests']).default('cost'),
    limit: queryInteger(1, 100).default(10),
    groupBy,
  })
  .refine(q => q.to > q.from, afterFrom);

/** Routes without query parameters (`GET /models`, the admin routes). */
export const noQuerySchema = z.strictObject({});
