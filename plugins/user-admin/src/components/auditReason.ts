import { ConfirmDialogReason } from '@ai-ops-console/console-react';

/**
 * The optional reason a confirmation asks for before an action that the
 * audit log records; the backend keeps up to 1000 characters.
 */
export const AUDIT_REASON: ConfirmDialogReason<false> = {
  label: 'Reason (optional)',
  helperText: 'Kept in the audit log.',
  maxLength: 1000,
};
