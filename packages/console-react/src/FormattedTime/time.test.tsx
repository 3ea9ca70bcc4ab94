import { render, screen } from '@testing-library/react';
import { FormattedTime } from './FormattedTime';
import {
  formatDateTime,
  formatTimestamp,
  fromLocalInput,
  toLocalInput,
} from './time';

const ISO = '2026-01-10T10:00:00.000Z';

describe('date and time formatting', () => {
  it('formats a timestamp as toLocaleString does, to the minute for ranges', () => {
    expect(formatTimestamp(ISO)).toBe(new Date(ISO).toLocaleString());
    expect(formatDateTime(ISO)).toBe(
      new Date(ISO).toLocaleString(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
    );
  });

  it('leaves a value it cannot read as it is', () => {
    expect(formatTimestamp('soon')).toBe('soon');
    expect(formatDateTime('soon')).toBe('soon');
  });

  it('round-trips a datetime-local value through an ISO instant', () => {
    const iso = fromLocalInput('2026-03-04T05:06')!;
    expect(iso).toMatch(/^2026-03-0[345]T\d\d:06:00\.000Z$/);
    expect(toLocalInput(iso)).toBe('2026-03-04T05:06');
  });

  it.each([[''], [null], [undefined], ['not a time']])(
    'reads %p as no instant',
    value => {
      expect(fromLocalInput(value)).toBeUndefined();
      expect(toLocalInput(value ?? undefined)).toBe('');
    },
  );

  it('shows a time for people and the exact value for machines', () => {
    render(
      <ul>
        <li>
          <FormattedTime value={ISO} />
        </li>
        <li>
          <FormattedTime empty="Never" />
        </li>
        <li>
          <FormattedTime value="soon" />
        </li>
      </ul>,
    );
    const time = screen.getByText(new Date(ISO).toLocaleString());
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('dateTime', ISO);
    expect(time).toHaveAttribute('title', ISO);
    expect(screen.getByText('Never')).toBeInTheDocument();
    expect(screen.getByText('soon').tagName).toBe('LI');
  });
});
