import { z } from 'zod';
import { textOnly } from './text';
import { dateTime, queryInteger } from './values';

// The audit log: its query and its pages.

export const auditRecord = z
  .object({
    id: z.string(),
    at: dateTime,
    actor: z
      .string()
      .meta({ description: 'A user ref, or plugin:<id> for services' }),
    action: z.string(),
    target: z.string().optional(),
    outcome: z.enum(['success', 'failure']),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditRecord' });

export const auditList = z
  .object({
    items: z.array(auditRecord),
    nextCursor: z.string().optional().meta({
      description: 'The `cursor` of the next page; absent on the last page',
    }),
  })
  .meta({ id: 'AuditList' });

export const auditQuery = z.strictObject({
  actor: textOnly(z.string().max(255)).optional(),
  action: textOnly(z.string().max(64)).optional(),
  target: textOnly(z.string().max(255)).optional(),
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Records at or after (ISO 8601 with offset)' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Records at or before (ISO 8601 with offset)' }),
  limit: queryInteger(1, 500).prefault(100),
  cursor: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page' }),
});
