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
} from '@material-ui/core';
import {
  FormEvent,
  ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { ErrorNotice } from '../ErrorNotice';

const useStyles = makeStyles({
  // focused by script to start reading there, not a control
  title: { '&:focus': { outline: 'none' } },
});

export type ConfirmDialogProps = {
  open: boolean;
  title: string;
  /** What will happen, in words. */
  description: ReactNode;
  confirmLabel: string;
  /** Asks for an optional reason, sent along with the action. */
  reasonLabel?: string;
  /** Completes "You may not …" when the backend refuses. */
  action?: string;
  /** Shown in the secondary (warning) colour: disable, delete, revoke. */
  destructive?: boolean;
  /** Runs the action; a rejection keeps the dialog open and says why. */
  onConfirm(reason: string | undefined): Promise<void>;
  onClose(): void;
};

function DialogBody(props: ConfirmDialogProps & { titleId: string }) {
  const { title, description, confirmLabel, reasonLabel, destructive } = props;
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const classes = useStyles();
  const reasonField = useRef<HTMLInputElement>(null);
  const titleRef = useRef<HTMLDivElement>(null);
  const reasonId = useId();

  // the first field; without one, the title, so that the focus is inside
  // the dialog (MUI would focus the backdrop's container, outside it) and
  // the next Tab reaches Cancel before the action
  useEffect(() => {
    (reasonField.current ?? titleRef.current)?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      await props.onConfirm(reason.trim() || undefined);
      props.onClose();
    } catch (e) {
      setError(e as Error);
      setSubmitting(false);
    }
  };

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
        <DialogContentText component="div">{description}</DialogContentText>
        {reasonLabel && (
          <TextField
            id={reasonId}
            inputRef={reasonField}
            label={reasonLabel}
            value={reason}
            onChange={e => setReason(e.target.value)}
            fullWidth
            multiline
            minRows={2}
            variant="outlined"
            helperText="Kept in the audit log."
            inputProps={{ maxLength: 1000 }}
          />
        )}
        {error && (
          <ErrorNotice
            what={confirmLabel.toLocaleLowerCase('en-US')}
            action={props.action}
            error={error}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={submitting}>
          Cancel
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
 * every opening and focuses the reason, or its title when there is none. MUI
 * returns the focus to the element that opened it on closing; when the
 * action removes that element, the page moves the focus (see
 * useFocusAfterReload).
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
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
