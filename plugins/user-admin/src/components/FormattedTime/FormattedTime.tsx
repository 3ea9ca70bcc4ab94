/** A timestamp in the reader's locale, with the exact value for machines. */
export function FormattedTime(props: { value?: string; empty?: string }) {
  const { value, empty = '—' } = props;
  if (!value) return <>{empty}</>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  return (
    <time dateTime={value} title={value}>
      {date.toLocaleString()}
    </time>
  );
}
