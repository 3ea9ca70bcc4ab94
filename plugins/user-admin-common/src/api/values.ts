import { z } from 'zod';

// The values the user-admin API's schemas share. A `meta` id makes a schema a
// named component of the OpenAPI document.

// Lengths are checked before blanks are trimmed: the bounds of the OpenAPI
// document are those of what is sent.

/**
 * A user or group entity ref, the kind in any case. The pattern spells the
 * case-insensitive match out (`[uU][sS]…`), as a JSON Schema pattern has no
 * flags: it is the same rule in the document and here.
 */
export const entityRef = z
  .string()
  .max(255)
  .trim()
  .min(3)
  .regex(
    /^([uU][sS][eE][rR]|[gG][rR][oO][uU][pP]):[a-zA-Z0-9._-]+\/[a-zA-Z0-9._-]+$/,
    'an entity ref like user:default/jane or group:default/team',
  )
  .meta({
    id: 'EntityRef',
    description:
      'A user or group entity ref such as user:default/jane or group:default/team (kind case-insensitive); blanks around it are trimmed.',
  });

export const roleName = z
  .string()
  .max(100)
  .trim()
  .min(1)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower case letters, digits, . _ -')
  .meta({
    id: 'RoleName',
    description:
      'Lower case letters, digits, . _ -; blanks around it are trimmed.',
  });

export const reason = z.string().max(1000).trim().meta({
  id: 'Reason',
  description: 'Why; recorded in the audit log. Blanks around it are trimmed.',
});

/**
 * An email address: zod's rule with domain labels as DNS has them (at most
 * 63 characters, no hyphen at either end), a local part of at most 64 and
 * 254 characters in all (RFC 5321). The OpenAPI document has the same pattern.
 */
export const emailAddress = z
  .email({
    pattern:
      /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/,
  })
  .max(254)
  .refine(
    value => value.indexOf('@') <= 64,
    'a local part of at most 64 characters',
  )
  .meta({
    id: 'EmailAddress',
    description:
      'An email address: a local part of at most 64 characters, domain labels of at most 63 (no hyphen at either end) and a top-level domain of letters.',
  });

/**
 * A query parameter holding an integer in decimal digits: unlike
 * z.coerce.number(), "", " 5", "1e1" and "0x10" are refused. Documented as
 * the integer it stands for; give its default with `.prefault(n)`.
 */
export const queryInteger = (min: number, max: number) => {
  const integer = z.number().int().min(min).max(max);
  // typed as the number a client gives; the server reads it as text
  return z.preprocess<unknown, typeof integer, number>(
    (value: unknown, ctx) => {
      if (typeof value === 'number') return value; // a prefault
      if (typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value)) {
        return Number(value);
      }
      ctx.addIssue({ code: 'custom', message: 'an integer', input: value });
      return value;
    },
    integer,
  );
};

/** A date-time as the API writes it (ISO 8601, UTC). */
export const dateTime = z.iso.datetime();

export const consoleUserStatus = z
  .enum(['active', 'pending', 'invited', 'disabled'])
  .meta({
    id: 'ConsoleUserStatus',
    description:
      'active: may sign in; pending: registered under `approval`, waits for an admin; invited: pre-registered by an admin, becomes active at first sign-in; disabled: may not sign in, outstanding tokens are refused.',
  });

export const registrationMode = z
  .enum(['open', 'approval', 'closed'])
  .meta({ id: 'RegistrationMode' });
