import { MenuItem, TextField } from '@material-ui/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useId, useState } from 'react';
import {
  FormDialog,
  FormDialogBody,
  FormDialogBodyProps,
  FormDialogProps,
} from './FormDialog';

type BodyProps = Partial<FormDialogBodyProps> & {
  /** Whether there is a field; there is unless false. */
  field?: boolean;
  onSave(name: string): Promise<void>;
};

/** A body with its own state, as the dialogs have. */
function NameBody({ field = true, onSave, ...props }: BodyProps) {
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState(false);
  const id = useId();
  return (
    <FormDialogBody
      title="Rename"
      submitLabel="Save"
      validate={() => {
        setInvalid(!name.trim());
        return !!name.trim();
      }}
      onSubmit={() => onSave(name.trim())}
      {...props}
    >
      {({ submitting }) =>
        field && (
          <TextField
            id={id}
            label="Name"
            value={name}
            onChange={e => setName(e.target.value)}
            error={invalid}
            helperText={invalid ? 'Enter a name.' : ' '}
            disabled={submitting}
          />
        )
      }
    </FormDialogBody>
  );
}

/** A button that opens the dialog, as the pages have. */
function Harness(
  props: BodyProps & Pick<Partial<FormDialogProps>, 'onClose' | 'maxWidth'>,
) {
  const { onClose, maxWidth, ...body } = props;
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Open</button>
      <FormDialog
        open={open}
        maxWidth={maxWidth}
        onClose={() => {
          onClose?.();
          setOpen(false);
        }}
      >
        <NameBody {...body} />
      </FormDialog>
    </>
  );
}

async function openDialog(props: Parameters<typeof Harness>[0]) {
  render(<Harness {...props} />);
  const trigger = screen.getByRole('button', { name: 'Open' });
  await userEvent.click(trigger);
  const dialog = await screen.findByRole('dialog', { name: 'Rename' });
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

describe('FormDialog', () => {
  it('is labelled by its title and starts on the first field, with Cancel before the submit button', async () => {
    const { dialog } = await openDialog({ onSave: jest.fn() });
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveFocus();
    await userEvent.tab();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
    await userEvent.tab();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveFocus();
  });

  it('starts on a Select when it is the first field', async () => {
    render(
      <FormDialog open onClose={() => {}}>
        <FormDialogBody title="Pick" submitLabel="Save" onSubmit={jest.fn()}>
          <TextField id="colour" select label="Colour" value="red">
            <MenuItem value="red">Red</MenuItem>
          </TextField>
          <TextField label="Note" />
        </FormDialogBody>
      </FormDialog>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Pick' });
    expect(
      within(dialog).getByRole('button', { name: /Colour/ }),
    ).toHaveFocus();
  });

  it('starts on the title, not a tab stop, when there is no field', async () => {
    const { dialog } = await openDialog({ field: false, onSave: jest.fn() });
    const title = within(dialog).getByRole('heading', { name: 'Rename' });
    expect(title.closest('[tabindex="-1"]')).toHaveFocus();
    await userEvent.tab();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
  });

  it('does not submit what validate refuses', async () => {
    const onSave = jest.fn().mockResolvedValue(undefined);
    const onClose = jest.fn();
    const { dialog } = await openDialog({ onSave, onClose });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(within(dialog).getByText('Enter a name.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeEnabled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('disables the buttons and shows progress while submitting, then closes and gives the focus back', async () => {
    const save = deferred();
    const onSave = jest.fn(() => save.promise);
    const onClose = jest.fn();
    const { dialog, trigger } = await openDialog({ onSave, onClose });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await userEvent.type(name, ' Alice {Enter}');
    expect(onSave).toHaveBeenCalledWith('Alice');

    const submit = within(dialog).getByRole('button', { name: 'Save' });
    expect(submit).toBeDisabled();
    expect(submit).toHaveClass('MuiButton-containedPrimary');
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    expect(
      submit.querySelector('.MuiCircularProgress-root[aria-hidden="true"]'),
    ).not.toBeNull();
    // the body is told, to disable its fields
    expect(name).toBeDisabled();
    expect(onClose).not.toHaveBeenCalled();

    save.resolve();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it('stays open on a rejection and says why, then tries again', async () => {
    const onSave = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValueOnce(undefined);
    const onClose = jest.fn();
    const { dialog } = await openDialog({
      onSave,
      onClose,
      renderError: error => `Could not rename: ${error.message}`,
    });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await userEvent.type(name, 'Alice');
    const submit = within(dialog).getByRole('button', { name: 'Save' });
    await userEvent.click(submit);

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not rename: backend down');
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Rename' })).toBe(dialog);
    expect(submit).toBeEnabled();
    expect(submit.querySelector('.MuiCircularProgress-root')).toBeNull();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeEnabled();
    // what was typed is kept
    expect(name).toHaveValue('Alice');
    expect(name).toBeEnabled();

    await userEvent.click(submit);
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it("shows the error's message by default, an element as it is", async () => {
    const { dialog } = await openDialog({
      onSave: jest.fn().mockRejectedValue(new Error('refused')),
      renderError: error => (
        <div role="alert" data-testid="notice">
          Notice: {error.message}
        </div>
      ),
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Name' }),
      'Alice{Enter}',
    );
    const notice = await within(dialog).findByTestId('notice');
    expect(notice).toHaveTextContent('Notice: refused');
    expect(within(dialog).getAllByRole('alert')).toEqual([notice]);
  });

  it('starts afresh on every opening', async () => {
    const { dialog, trigger } = await openDialog({
      onSave: jest.fn().mockRejectedValue(new Error('refused')),
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Name' }),
      'Alice{Enter}',
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'refused',
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(trigger).toHaveFocus());

    await userEvent.click(trigger);
    const again = await screen.findByRole('dialog', { name: 'Rename' });
    const name = within(again).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('');
    expect(name).toHaveFocus();
    expect(within(again).queryByRole('alert')).toBeNull();
  });

  it('names its buttons as told, in the secondary colour when destructive, and may keep the submit button disabled', async () => {
    const { dialog } = await openDialog({
      onSave: jest.fn(),
      submitLabel: 'Delete',
      cancelLabel: 'Back',
      destructive: true,
      submitDisabled: true,
    });
    const submit = within(dialog).getByRole('button', { name: 'Delete' });
    expect(submit).toHaveClass('MuiButton-containedSecondary');
    expect(submit).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Back' })).toBeEnabled();
  });

  it('is as wide as maxWidth says, "sm" unless given', async () => {
    const { dialog } = await openDialog({ onSave: jest.fn(), maxWidth: 'md' });
    expect(dialog).toHaveClass('MuiDialog-paperWidthMd');
    expect(dialog).toHaveClass('MuiDialog-paperFullWidth');
  });
});
