import { compact, UrlQueryCodec } from './urlQuery';

/** The audit log's filter, as the URL keeps it; times are ISO instants. */
export type AuditFilter = {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
};

const instant = (value: string | null) => {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

export const auditFilterCodec: UrlQueryCodec<AuditFilter> = {
  parse(params) {
    return {
      actor: params.get('actor')?.trim() || undefined,
      action: params.get('action')?.trim() || undefined,
      target: params.get('target')?.trim() || undefined,
      from: instant(params.get('from')),
      to: instant(params.get('to')),
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

/** `2024-05-01T10:30` (the reader's local time) for a datetime-local input. */
export function toLocalInput(iso?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An ISO 8601 instant for a datetime-local input's value. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
