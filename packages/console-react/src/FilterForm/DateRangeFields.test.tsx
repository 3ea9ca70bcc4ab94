import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromLocalInput } from '../FormattedTime';
import {
  DateRangeFields,
  IsoRange,
  useLocalDateRange,
} from './DateRangeFields';

function Example(props: { initial: IsoRange; onRange(range: IsoRange): void }) {
  const range = useLocalDateRange(props.initial);
  return (
    <>
      <DateRangeFields range={range} idPrefix="example" toLabel="Until" />
      <button onClick={() => props.onRange(range.toRange())}>Read</button>
      <button onClick={() => range.reset()}>Reset</button>
    </>
  );
}

describe('DateRangeFields', () => {
  it('starts from the given range, reads typed local times as ISO and resets to empty', async () => {
    const onRange = jest.fn();
    const from = fromLocalInput('2026-03-04T05:06')!;
    render(<Example initial={{ from }} onRange={onRange} />);
    expect(screen.getByLabelText('From')).toHaveValue('2026-03-04T05:06');
    expect(screen.getByLabelText('From')).toHaveAttribute('id', 'example-from');
    await userEvent.type(screen.getByLabelText('Until'), '2026-03-05T07:08');
    await userEvent.click(screen.getByRole('button', { name: 'Read' }));
    expect(onRange).toHaveBeenCalledWith({
      from,
      to: fromLocalInput('2026-03-05T07:08'),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await userEvent.click(screen.getByRole('button', { name: 'Read' }));
    expect(onRange).toHaveBeenLastCalledWith({
      from: undefined,
      to: undefined,
    });
  });
});
