import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogProps,
  DialogTitle,
  makeStyles,
  Typography,
} from '@material-ui/core';
import {
  createContext,
  FormEvent,
  ReactNode,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';

const useStyles = makeStyles(theme => ({
  // focused by script to start reading there, not a control
  title: { '&:focus': { outline: 'none' } },
  stacked: { display: 'grid', gap: theme.spacing(2) },
}));

/** What a FormDialogBody takes from the FormDialog around it. */
const FormDialogContext = createContext<
  { titleId: string; onClose(): void } | undefined
>(undefined);

export type FormDialogProps = {
  open: boolean;
  /** Closes it: Escape, the backdrop, Cancel, and a submit that succeeded. */
  onClose(): void;
  /** "sm" unless given; the dialog takes the whole of it. */
  maxWidth?: DialogProps['maxWidth'];
  /**
   * The body, a component that renders a FormDialogBody. It mounts afresh on
   * every opening, so its state (the fields, an error) starts over.
   */
  children?: ReactNode;
};

/**
 * A modal dialog holding a form, labelled by the title of the FormDialogBody
 * inside it. The state of the form belongs in the component between the two,
 * which MUI mounts on every opening:
 *
 * ```tsx
 * <FormDialog open={open} onClose={close}>
 *   <InviteBody onInvite={invite} />
 * </FormDialog>
 * ```
 *
 * MUI returns the focus to the element that opened it on closing; when the
 * submit removes that element, the page has to move the focus itself.
 */
export function FormDialog(props: FormDialogProps) {
  const titleId = useId();
  const { onClose } = props;
  return (
    <Dialog
      open={props.open}
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={props.maxWidth ?? 'sm'}
    >
      <FormDialogContext.Provider value={{ titleId, onClose }}>
        {props.children}
      </FormDialogContext.Provider>
    </Dialog>
  );
}

export type FormDialogBodyProps = {
  /** Labels the dialog. */
  title: ReactNode;
  submitLabel: string;
  /** The button that closes without submitting; "Cancel" unless given. */
  cancelLabel?: string;
  /** Shown in the secondary colour: delete, disable, terminate, reject. */
  destructive?: boolean;
  /** Disables the submit button, e.g. while what the form needs loads. */
  submitDisabled?: boolean;
  /**
   * Checked before submitting; false stops there. Says what is wrong and
   * moves the focus to the field itself.
   */
  validate?(): boolean;
  /**
   * Does what the form is for. Meanwhile both buttons are disabled and the
   * submit button shows progress; then the dialog closes, or on a rejection
   * stays open and says why.
   */
  onSubmit(): Promise<void>;
  /**
   * What a rejection of onSubmit says. A string is shown as an alert in the
   * error colour; anything else as it is, so it should be an alert itself.
   * The error's message unless given.
   */
  renderError?(error: Error): ReactNode;
  /**
   * Puts a gap of theme.spacing(2) between the content's children (the
   * description, the fields and the error).
   */
  stacked?: boolean;
  /**
   * The description and the fields, before the error; a function of whether
   * the form is submitting, to disable fields meanwhile.
   */
  children?: ReactNode | ((state: { submitting: boolean }) => ReactNode);
};

/**
 * Fields that take the focus when the dialog opens: no buttons, no links, but
 * MUI's Select, a div with the role of a button that opens a listbox.
 */
const FIELD =
  'input:not([type="hidden"]):not([tabindex="-1"]):not(:disabled), select:not(:disabled), textarea:not([tabindex="-1"]):not(:disabled), [role="button"][aria-haspopup="listbox"]:not([aria-disabled="true"])';

/**
 * The form inside a FormDialog: the title, the content, the error of the last
 * submit, then Cancel and the submit button, in that order of tabbing.
 *
 * On mounting it focuses the first field, or the title when there is none, so
 * that the focus is inside the dialog (MUI would focus the backdrop's
 * container, outside it) and the next Tab reaches Cancel before the submit
 * button. A field that appears later (after loading) may take the focus then.
 */
export function FormDialogBody(props: FormDialogBodyProps) {
  const context = useContext(FormDialogContext);
  const { title, submitLabel, destructive, children } = props;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const classes = useStyles();
  const titleRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const field = contentRef.current?.querySelector<HTMLElement>(FIELD);
    (field ?? titleRef.current)?.focus();
  }, []);

  if (!context) throw new Error('FormDialogBody belongs inside a FormDialog');
  const { titleId, onClose } = context;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting || props.submitDisabled) return;
    if (props.validate && !props.validate()) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await props.onSubmit();
      onClose();
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
        id={titleId}
        ref={titleRef}
        tabIndex={-1}
        className={classes.title}
      >
        {title}
      </DialogTitle>
      <DialogContent
        ref={contentRef}
        className={props.stacked ? classes.stacked : undefined}
      >
        {typeof children === 'function' ? children({ submitting }) : children}
        {errorNotice}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={submitting}>
          {props.cancelLabel ?? 'Cancel'}
        </Button>
        <Button
          type="submit"
          variant="contained"
          color={destructive ? 'secondary' : 'primary'}
          disabled={submitting || props.submitDisabled}
          startIcon={
            submitting ? <CircularProgress size={16} aria-hidden /> : undefined
          }
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
