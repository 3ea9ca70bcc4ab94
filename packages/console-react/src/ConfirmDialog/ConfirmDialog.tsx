import { DialogContentText, TextField } from '@material-ui/core';
import { ReactNode, useId, useRef, useState } from 'react';
import { FormDialog, FormDialogBody } from '../FormDialog';

/** A text field for a reason or comment, sent along with the action. */
export type ConfirmDialogReason<Required extends boolean = boolean> = {
  label: string;
  /** Refuses a blank reason: "A reason is required." */
  required?: Required;
  /** Under the field; a blank line when there is none. */
  helperText?: string;
  /** Characters; 2000 unless given. */
  maxLength?: number;
};

/**
 * `Required` is whether the reason is required, so that onConfirm's reason is
 * a string then; inferred from `reason.required`.
 */
export type ConfirmDialogProps<Required extends boolean = boolean> = {
  open: boolean;
  title: string;
  /** What will happen, in words. */
  description?: ReactNode;
  confirmLabel: string;
  /** The button that closes without acting; "Cancel" unless given. */
  cancelLabel?: string;
  reason?: ConfirmDialogReason<Required>;
  /** Shown in the secondary colour: delete, disable, terminate, reject. */
  destructive?: boolean;
  /**
   * Runs the action with the reason, trimmed (undefined when blank or not
   * asked for); a rejection keeps the dialog open and says why.
   */
  onConfirm(
    reason: Required extends true ? string : string | undefined,
  ): Promise<void>;
  /**
   * What a rejection of onConfirm says. A string is shown as an alert in the
   * error colour; anything else as it is, so it should be an alert itself.
   * The error's message unless given.
   */
  renderError?(error: Error): ReactNode;
  onClose(): void;
};

function ConfirmBody(props: ConfirmDialogProps) {
  const { reason } = props;
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();

  const validate = () => {
    if (reason?.required && !text.trim()) {
      setInvalid(true);
      field.current?.focus();
      return false;
    }
    return true;
  };

  return (
    <FormDialogBody
      title={props.title}
      submitLabel={props.confirmLabel}
      cancelLabel={props.cancelLabel}
      destructive={props.destructive}
      validate={validate}
      onSubmit={() => props.onConfirm(text.trim() || undefined)}
      renderError={props.renderError}
    >
      {props.description && (
        <DialogContentText component="div">
          {props.description}
        </DialogContentText>
      )}
      {reason && (
        <TextField
          id={fieldId}
          inputRef={field}
          label={reason.label}
          required={reason.required}
          value={text}
          onChange={e => {
            setText(e.target.value);
            if (invalid && e.target.value.trim()) setInvalid(false);
          }}
          error={invalid}
          helperText={
            invalid ? 'A reason is required.' : reason.helperText ?? ' '
          }
          fullWidth
          multiline
          minRows={2}
          variant="outlined"
          inputProps={{ maxLength: reason.maxLength ?? 2000 }}
        />
      )}
    </FormDialogBody>
  );
}

/**
 * Asks before an action, optionally for a reason. The body mounts afresh on
 * every opening (a blank reason, no error) and focuses the reason field, or
 * the title when there is none. MUI returns the focus to the element that
 * opened it on closing; when the action removes that element, the page has
 * to move the focus itself.
 */
export function ConfirmDialog<Required extends boolean = false>(
  props: ConfirmDialogProps<Required>,
) {
  return (
    <FormDialog open={props.open} onClose={props.onClose}>
      <ConfirmBody {...props} />
    </FormDialog>
  );
}
