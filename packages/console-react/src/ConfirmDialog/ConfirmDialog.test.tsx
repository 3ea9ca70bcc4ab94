import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ConfirmDialog, ConfirmDialogProps } from './ConfirmDialog';

/** A button that opens the dialog, as the pages have. */
function Harness(
  props: Partial<ConfirmDialogProps> & Pick<ConfirmDialogProps, 'onConfirm'>,
) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Open</button>
      <ConfirmDialog
        title="Disable Alice?"
        description="Alice will not be able to sign in."
        confirmLabel="Disable"
        {...props}
        open={open}
        onClose={() => {
          props.onClose?.();
          setOpen(false);
        }}
      />
    </>
  );
}

async function openDialog(props: Parameters<typeof Harness>[0]) {
  render(<Harness {...props} />);
  const trigger = screen.getByRole('button', { name: 'Open' });
  await userEvent.click(trigger);
  const dialog = await screen.findByRole('dialog', { name: 'Disable Alice?' });
  return { trigger, dialog };
}

/** A promise settled from outside, to look at the dialog meanwhile. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ConfirmDialog', () => {
  it('is labelled by its title, says what happens and starts on the title without a reason', async () => {
    const { dialog } = await openDialog({ onConfirm: jest.fn() });
    expect(
      within(dialog).getByText('Alice will not be able to sign in.'),
    ).toBeInTheDocument();
    const title = within(dialog).getByRole('heading', {
      name: 'Disable Alice?',
    });
    // the title is focused by script (inside the dialog), not a tab stop
    const focusable = title.closest('[tabindex="-1"]');
    expect(focusable).toHaveFocus();
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    // Cancel comes before the action in the tab order
    await userEvent.tab();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
    await userEvent.tab();
    expect(
      within(dialog).getByRole('button', { name: 'Disable' }),
    ).toHaveFocus();
  });

  it('shows no description when there is none', async () => {
    const { dialog } = await openDialog({
      description: undefined,
      onConfirm: jest.fn(),
    });
    expect(dialog.querySelector('.MuiDialogContentText-root')).toBeNull();
  });

  it('starts on the reason field, and sends the reason trimmed, or undefined when blank', async () => {
    const onConfirm = jest.fn().mockResolvedValue(undefined);
    const onClose = jest.fn();
    const { dialog } = await openDialog({
      reason: {
        label: 'Reason (optional)',
        helperText: 'Kept in the audit log.',
        maxLength: 1000,
      },
      onConfirm,
      onClose,
    });
    const field = within(dialog).getByRole('textbox', {
      name: 'Reason (optional)',
    });
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('maxlength', '1000');
    expect(field).not.toBeRequired();
    expect(field).toHaveAccessibleDescription('Kept in the audit log.');

    await userEvent.type(field, '  left the team  ');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );
    expect(onConfirm).toHaveBeenCalledWith('left the team');
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // opened again: a fresh body, the reason blank
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    const again = await screen.findByRole('dialog', { name: 'Disable Alice?' });
    const blank = within(again).getByRole('textbox', {
      name: 'Reason (optional)',
    });
    expect(blank).toHaveValue('');
    expect(blank).toHaveFocus();
    await userEvent.type(blank, '   ');
    await userEvent.click(
      within(again).getByRole('button', { name: 'Disable' }),
    );
    expect(onConfirm).toHaveBeenLastCalledWith(undefined);
  });

  it('refuses a blank required reason, says so and returns to the field', async () => {
    const onConfirm = jest.fn().mockResolvedValue(undefined);
    const { dialog } = await openDialog({
      reason: { label: 'Reason', required: true },
      onConfirm,
    });
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    expect(reason).toBeRequired();
    expect(reason).toHaveAttribute('maxlength', '2000');

    await userEvent.type(reason, '  ');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );
    expect(onConfirm).not.toHaveBeenCalled();
    expect(reason).toBeInvalid();
    expect(reason).toHaveAccessibleDescription('A reason is required.');
    expect(reason).toHaveFocus();

    // the message goes as soon as there is a reason
    await userEvent.type(reason, 'stuck ');
    expect(within(dialog).queryByText('A reason is required.')).toBeNull();
    expect(reason).toBeValid();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );
    expect(onConfirm).toHaveBeenCalledWith('stuck');
  });

  it('closes without acting on its cancel button, which may be named otherwise', async () => {
    const onConfirm = jest.fn();
    const onClose = jest.fn();
    const { dialog, trigger } = await openDialog({
      cancelLabel: 'Back',
      onConfirm,
      onClose,
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it('disables its buttons and shows progress while the action runs', async () => {
    const action = deferred();
    const onClose = jest.fn();
    const { dialog, trigger } = await openDialog({
      destructive: true,
      onConfirm: () => action.promise,
      onClose,
    });
    const confirm = within(dialog).getByRole('button', { name: 'Disable' });
    expect(confirm).toHaveClass('MuiButton-containedSecondary');
    await userEvent.click(confirm);
    expect(confirm).toBeDisabled();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    expect(
      confirm.querySelector('.MuiCircularProgress-root[aria-hidden="true"]'),
    ).not.toBeNull();
    expect(onClose).not.toHaveBeenCalled();

    action.resolve();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // MUI gives the focus back to what opened it
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it('uses the primary colour unless destructive', async () => {
    const { dialog } = await openDialog({ onConfirm: jest.fn() });
    expect(within(dialog).getByRole('button', { name: 'Disable' })).toHaveClass(
      'MuiButton-containedPrimary',
    );
  });

  it('stays open on a rejection and says why, in the words renderError gives', async () => {
    const onClose = jest.fn();
    const onConfirm = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValueOnce(undefined);
    const { dialog } = await openDialog({
      onConfirm,
      onClose,
      renderError: error => `Could not disable: ${error.message}`,
    });
    const confirm = within(dialog).getByRole('button', { name: 'Disable' });
    await userEvent.click(confirm);
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not disable: backend down');
    expect(onClose).not.toHaveBeenCalled();
    expect(confirm).toBeEnabled();
    expect(confirm.querySelector('.MuiCircularProgress-root')).toBeNull();

    // a second try clears the error and closes on success
    await userEvent.click(confirm);
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it("shows the error's message by default, and an element as it is", async () => {
    const { dialog } = await openDialog({
      onConfirm: jest.fn().mockRejectedValue(new Error('refused')),
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'refused',
    );
  });

  it('renders an element from renderError as it is', async () => {
    const { dialog } = await openDialog({
      onConfirm: jest.fn().mockRejectedValue(new Error('refused')),
      renderError: error => (
        <div role="alert" data-testid="notice">
          Notice: {error.message}
        </div>
      ),
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );
    const notice = await within(dialog).findByTestId('notice');
    expect(notice).toHaveTextContent('Notice: refused');
    expect(within(dialog).getAllByRole('alert')).toEqual([notice]);
  });

  it('forgets the error when opened again', async () => {
    const { dialog } = await openDialog({
      onConfirm: jest.fn().mockRejectedValue(new Error('refused')),
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );
    await within(dialog).findByRole('alert');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    const again = await screen.findByRole('dialog', { name: 'Disable Alice?' });
    expect(within(again).queryByRole('alert')).toBeNull();
  });
});
