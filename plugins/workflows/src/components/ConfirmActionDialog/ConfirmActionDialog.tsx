import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
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
import { describeError } from '../LoadError';

export type ConfirmActionDialogProps = {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  /** A text field for a reason or comment; `required` refuses a blank one. */
  reason?: { label: string; required?: boolean; helperText?: string };
  /** Shown in the error colour: terminate, reject. */
  destructive?: boolean;
  /** Runs the action; a rejection keeps the dialog open and says why. */
  onConfirm(reason: string): Promise<void>;
  onClose(): void;
};

function DialogBody(props: ConfirmActionDialogProps & { titleId: string }) {
  const { title, description, confirmLabel, reason, destructive, titleId } =
    props;
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();

  // the reason is what the dialog asks for, so it gets the focus
  useEffect(() => {
    field.current?.focus();
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
      await props.onConfirm(text.trim());
      props.onClose();
    } catch (e) {
      setError(e as Error);
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {description && <DialogContentText>{description}</DialogContentText>}
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
            inputProps={{ maxLength: 2000 }}
          />
        )}
        {error && (
          <Typography role="alert" color="error">
            {describeError(error)}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={submitting}>
          Back
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
 * Asks before an action, optionally with a reason; focus returns to the
 * button that opened it when it closes.
 */
export function ConfirmActionDialog(props: ConfirmActionDialogProps) {
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
