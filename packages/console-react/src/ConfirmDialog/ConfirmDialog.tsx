import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  FormEvent,
  ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';

const useStyles = makeStyles({
  // focused by script to start reading there, not a control
  title: { '&:focus': { outline: 'none' } },
});

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

function DialogBody(props: ConfirmDialogProps & { titleId: string }) {
  const { title, description, confirmLabel, reason, destructive } = props;
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const classes = useStyles();
  const field = useRef<HTMLInputElement>(null);
  const titleRef = useRef<HTMLDivElement>(null);
  const fieldId = useId();

  // the field; without one, the title, so that the focus is inside the
  // dialog (MUI would focus the backdrop's container, outside it) and the
  // next Tab reaches Cancel before the action
  useEffect(() => {
    (field.current ?? titleRef.current)?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason?.required && !text.trim()) {
      setInvalid(true);
      field.current?.focus();
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await props.onConfirm(text.trim() || undefined);
      props.onClose();
    } catch (e) {
      setError(e as Error);
      setSubmitting(false);
    }
  };

  let errorNotice: ReactNode = null;
  if (error) {
    const rendered = props.renderError
      ? props.renderError(error)
      : error.message;
    errorNotice =
      typeof rendered === 'string' ? (
        <Typography role="alert" color="error">
          {rendered}
        </Typography>
      ) : (
        rendered
      );
  }

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle
        id={props.titleId}
        ref={titleRef}
        tabIndex={-1}
        className={classes.title}
      >
        {title}
      </DialogTitle>
      <DialogContent>
        {description && (
          <DialogContentText component="div">{description}</DialogContentText>
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
        {errorNotice}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={submitting}>
          {props.cancelLabel ?? 'Cancel'}
        </Button>
        <Button
          type="submit"
          variant="contained"
          color={destructive ? 'secondary' : 'primary'}
          disabled={submitting}
          startIcon={
            submitting ? <CircularProgress size={16} aria-hidden /> : undefined
          }
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </form>
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
  const titleId = useId();
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <DialogBody {...props} titleId={titleId} />
    </Dialog>
  );
}
