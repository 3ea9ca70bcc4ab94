import { InputError } from '@backstage/errors';
import { z } from 'zod';

const MAX_ISSUES_SHOWN = 20;

/** `events[3].latencyMs` for the path ['events', 3, 'latencyMs']. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') {
      text += `[${part}]`;
    } else {
      text += text ? `.${String(part)}` : String(part);
    }
  }
  return text;
}

/** One InputError naming every bad field (the first 20) by its path. */
export function inputErrorOf(
  what: string,
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): InputError {
  const shown = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map(issue => {
      const path = formatPath(issue.path);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
  const more =
    issues.length > MAX_ISSUES_SHOWN
      ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)`
      : '';
  return new InputError(`invalid ${what}: ${shown}${more}`);
}

/** Parses a value with a zod schema, or throws an InputError (400). */
export function parseOrThrow<T extends z.ZodType>(
  what: string,
  schema: T,
  value: unknown,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw inputErrorOf(what, result.error.issues);
  }
  return result.data;
}
