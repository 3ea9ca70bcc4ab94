import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { DateTimeField, FilterActions, FilterForm } from './FilterForm';

function Example(props: { onApply(from: string): void; onClear(): void }) {
  const [from, setFrom] = useState('');
  return (
    <FilterForm
      label="Filter things"
      onSubmit={event => {
        event.preventDefault();
        props.onApply(from);
      }}
    >
      <DateTimeField id="from" label="From" value={from} onChange={setFrom} />
      <FilterActions onClear={props.onClear} />
    </FilterForm>
  );
}

describe('FilterForm', () => {
  it('applies the typed local time with Apply and clears with Clear', async () => {
    const onApply = jest.fn();
    const onClear = jest.fn();
    render(<Example onApply={onApply} onClear={onClear} />);
    const form = screen.getByRole('form', { name: 'Filter things' });
    expect(form).toBeInTheDocument();
    const from = screen.getByLabelText('From');
    expect(from).toHaveAttribute('type', 'datetime-local');
    await userEvent.type(from, '2026-03-04T05:06');
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );
    expect(onApply).toHaveBeenCalledWith('2026-03-04T05:06');
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(onClear).toHaveBeenCalled();
  });
});
