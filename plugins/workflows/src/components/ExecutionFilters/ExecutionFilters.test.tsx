import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, testApis } from '../../__testUtils__/fakes';
import { fromLocalInput } from '@ai-ops-console/console-react';
import { ExecutionFilters } from './ExecutionFilters';

describe('ExecutionFilters', () => {
  it('applies types at once and the time range on Apply', async () => {
    const onChange = jest.fn();
    renderInTestApp(
      <ExecutionFilters filter={{ status: ['Running'] }} onChange={onChange} />,
      { apis: testApis({ api: fakeApi() }) },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: /Workflow types/ }),
    );
    const listbox = await screen.findByRole('listbox');
    await userEvent.click(
      within(listbox).getByRole('option', { name: /Model promotion/ }),
    );
    expect(onChange).toHaveBeenLastCalledWith({
      status: ['Running'],
      type: ['modelPromotion'],
    });
    // a multiple select stays open until dismissed
    await userEvent.keyboard('{Escape}');

    fireEvent.change(screen.getByLabelText('Started from'), {
      target: { value: '2026-03-04T05:06' },
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );
    expect(onChange).toHaveBeenLastCalledWith({
      status: ['Running'],
      from: fromLocalInput('2026-03-04T05:06'),
      idPrefix: undefined,
      startedBy: undefined,
      to: undefined,
    });
  });
});
