import { fromLocalInput } from '@ai-ops-console/console-react';
import { compact, UrlQueryCodec } from './urlQuery';

/** The audit log's filter, as the URL keeps it; times are ISO instants. */
export type AuditFilter = {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
};

export const auditFilterCodec: UrlQueryCodec<AuditFilter> = {
  parse(params) {
    return {
      actor: params.get('actor')?.trim() || undefined,
      action: params.get('action')?.trim() || undefined,
      target: params.get('target')?.trim() || undefined,
      from: fromLocalInput(params.get('from')),
      to: fromLocalInput(params.get('to')),
    };
  },
  format(filter) {
    return compact({
      actor: filter.actor?.trim(),
      action: filter.action?.trim(),
      target: filter.target?.trim(),
      from: filter.from,
      to: filter.to,
    });
  },
};
