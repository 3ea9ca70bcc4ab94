// Formatters are built once: toLocaleString builds a new Intl.DateTimeFormat
// on every call, which shows in a first render of thousands of cells.
const timestamp = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const parse = (value: string) => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/**
 * An instant to the second in the reader's locale and zone, `1/10/2026,
 * 10:00:00 AM` (what `toLocaleString()` gives); an unreadable value as it is.
 */
export function formatTimestamp(iso: string): string {
  const date = parse(iso);
  return date ? timestamp.format(date) : iso;
}

/**
 * An instant to the minute in the reader's locale and zone, `Jan 10, 2026,
 * 10:00 AM`, for ranges and chart points; an unreadable value as it is.
 */
export function formatDateTime(iso: string): string {
  const date = parse(iso);
  return date ? dateTime.format(date) : iso;
}

/** `2024-05-01T10:30` (the reader's local time) for a datetime-local input. */
export function toLocalInput(iso?: string): string {
  const date = iso ? parse(iso) : undefined;
  if (!date) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * An ISO 8601 instant for a datetime-local input's value or a URL's
 * parameter; undefined for a blank or unreadable one.
 */
export function fromLocalInput(value?: string | null): string | undefined {
  return value ? parse(value)?.toISOString() : undefined;
}
