import { formatTimestamp } from './time';

/**
 * A timestamp in the reader's locale, with the exact value for machines
 * (`dateTime`) and for a pointer's tooltip (`title`).
 */
export function FormattedTime(props: { value?: string; empty?: string }) {
  const { value, empty = '—' } = props;
  if (!value) return <>{empty}</>;
  const shown = formatTimestamp(value);
  if (shown === value) return <>{value}</>;
  return (
    <time dateTime={value} title={value}>
      {shown}
    </time>
  );
}
