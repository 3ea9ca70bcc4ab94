import { z } from 'zod';

/**
 * Whether a string holds a character that is not text: C0 controls other than
 * tab and line breaks, DEL, C1 controls, U+FFFE/U+FFFF and lone surrogates.
 * PostgreSQL cannot store NUL (a 500), and the roles export would not be
 * YAML that other tools can read.
 */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    } else if ((c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) {
      return true;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

const hasNul = (text: string) => text.includes('\u0000');

/** The path of the first string (or key) in a value that `bad` refuses. */
function badTextPath(
  value: unknown,
  bad: (text: string) => boolean,
  path: Array<string | number> = [],
): Array<string | number> | undefined {
  if (typeof value === 'string') return bad(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof key === 'string' && bad(key)) return path;
    const found = badTextPath(item, bad, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

const CONTROL_MESSAGE =
  'control characters are not allowed (tab and line breaks are)';
const NUL_MESSAGE = 'NUL characters are not allowed';

/**
 * Refuses, before `schema` looks at it, text holding control characters
 * (tab and line breaks excepted) anywhere in the value, keys included; with
 * `anyText` (the internal routes, which take what identity providers and
 * browsers send) only NUL is refused. The check reads what was sent, before
 * blanks are trimmed; the document shows `schema` alone.
 */
export function textOnly<T extends z.ZodType>(
  schema: T,
  options: { anyText?: boolean } = {},
) {
  const bad = options.anyText ? hasNul : hasControlCharacters;
  const message = options.anyText ? NUL_MESSAGE : CONTROL_MESSAGE;
  // typed as what `schema` takes, so that a client derived from the
  // contract is told what to send
  return z.preprocess<unknown, T, z.input<T>>((value: unknown, ctx) => {
    const path = badTextPath(value, bad);
    if (path) ctx.addIssue({ code: 'custom', message, path, input: value });
    return value;
  }, schema);
}
