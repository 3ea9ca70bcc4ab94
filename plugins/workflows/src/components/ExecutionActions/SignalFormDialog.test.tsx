import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { SignalFormDialog } from './SignalFormDialog';

const schema = {
  type: 'object',
  required: ['reviewer'],
  properties: {
    reviewer: { type: 'string', title: 'Reviewer' },
    note: { type: 'string', title: 'Note' },
  },
};

/** A trigger button and the dialog, as ExecutionActions renders them. */
function Harness(props: {
  onConfirm(payload: Record<string, unknown>): Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Hand over
      </button>
      <SignalFormDialog
        open={open}
        title="Hand over"
        schema={schema}
        onConfirm={props.onConfirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

describe('SignalFormDialog', () => {
  it('starts on the first field, and Escape returns focus to the trigger', async () => {
    const onConfirm = jest.fn(async () => {});
    await renderInTestApp(<Harness onConfirm={onConfirm} />);
    const trigger = await screen.findByRole('button', { name: 'Hand over' });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Hand over' });
    expect(
      within(dialog).getByRole('textbox', { name: /Reviewer/ }),
    ).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(trigger).toHaveFocus();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('sends the form, and opens empty and ready again after a send', async () => {
    const onConfirm = jest.fn(async () => {});
    await renderInTestApp(<Harness onConfirm={onConfirm} />);
    const trigger = await screen.findByRole('button', { name: 'Hand over' });
    await userEvent.click(trigger);
    let dialog = await screen.findByRole('dialog', { name: 'Hand over' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reviewer/ }),
      'user:default/amir',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send Hand over' }),
    );
    expect(onConfirm).toHaveBeenCalledWith({ reviewer: 'user:default/amir' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(trigger).toHaveFocus());

    await userEvent.click(trigger);
    dialog = await screen.findByRole('dialog', { name: 'Hand over' });
    expect(
      within(dialog).getByRole('textbox', { name: /Reviewer/ }),
    ).toHaveValue('');
    expect(
      within(dialog).getByRole('button', { name: 'Send Hand over' }),
    ).toBeEnabled();
  });

  it('sends nothing the payload schema refuses, and puts the focus on the field', async () => {
    const onConfirm = jest.fn(async () => {});
    await renderInTestApp(<Harness onConfirm={onConfirm} />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Hand over' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Hand over' });
    const reviewer = within(dialog).getByRole('textbox', { name: /Reviewer/ });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Note/ }),
      'back on Monday{Enter}',
    );
    await waitFor(() => expect(reviewer).toHaveFocus());
    expect(dialog).toHaveTextContent("must have required property 'Reviewer'");
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Hand over' })).toBeVisible();
  });
});
