import { useState } from 'react';
import { fromLocalInput, toLocalInput } from '../FormattedTime';
import { DateTimeField } from './FilterForm';

/**
 * A time range as ISO 8601 strings; an empty end is left out.
 *
 * @public
 */
export type IsoRange = { from?: string; to?: string };

/**
 * The from and to fields' text while the reader edits it.
 *
 * @public
 */
export type LocalDateRange = {
  from: string;
  to: string;
  setFrom(value: string): void;
  setTo(value: string): void;
  /** Starts the fields again from these times; empty without them. */
  reset(range?: IsoRange): void;
  /** The fields as ISO times, for the URL or a request. */
  toRange(): IsoRange;
};

/**
 * Holds a from/to pair of `datetime-local` fields, starting from `range`.
 *
 * @public
 */
export function useLocalDateRange(range: IsoRange): LocalDateRange {
  const [from, setFrom] = useState(toLocalInput(range.from));
  const [to, setTo] = useState(toLocalInput(range.to));
  return {
    from,
    to,
    setFrom,
    setTo,
    reset: (next = {}) => {
      setFrom(toLocalInput(next.from));
      setTo(toLocalInput(next.to));
    },
    toRange: () => ({ from: fromLocalInput(from), to: fromLocalInput(to) }),
  };
}

/**
 * The from and to fields of a {@link LocalDateRange}, with the ids
 * `<idPrefix>-from` and `<idPrefix>-to`.
 *
 * @public
 */
export function DateRangeFields(props: {
  range: LocalDateRange;
  idPrefix: string;
  fromLabel?: string;
  toLabel?: string;
  className?: string;
  helperText?: string;
}) {
  const { range, idPrefix, className, helperText } = props;
  return (
    <>
      <DateTimeField
        className={className}
        id={`${idPrefix}-from`}
        label={props.fromLabel ?? 'From'}
        value={range.from}
        onChange={range.setFrom}
        helperText={helperText}
      />
      <DateTimeField
        className={className}
        id={`${idPrefix}-to`}
        label={props.toLabel ?? 'To'}
        value={range.to}
        onChange={range.setTo}
        helperText={helperText}
      />
    </>
  );
}
