import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { Form } from '@rjsf/material-ui';
import { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useEffect, useId, useRef, useState } from 'react';
import { describeError } from '../LoadError';

type Props = {
  open: boolean;
  title: string;
  schema: Record<string, unknown>;
  onConfirm(payload: Record<string, unknown>): Promise<void>;
  onClose(): void;
};

const FIELDS =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [role="button"][aria-haspopup]';

/**
 * The form itself. It is mounted for each opening of the dialog, so a second
 * opening starts empty and not still submitting.
 */
function SignalFormBody(props: Props & { titleId: string }) {
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const content = useRef<HTMLDivElement>(null);

  // the form is what the dialog asks for, so its first field gets the focus
  // (before the dialog would focus itself)
  useEffect(() => {
    content.current?.querySelector<HTMLElement>(FIELDS)?.focus();
  }, []);

  return (
    <>
      <DialogTitle id={props.titleId}>{props.title}</DialogTitle>
      <DialogContent ref={content}>
        <Form
          schema={props.schema as RJSFSchema}
          validator={validator}
          formData={formData}
          onChange={e => setFormData(e.formData ?? {})}
          onSubmit={async e => {
            setSubmitting(true);
            setError(undefined);
            try {
              await props.onConfirm(e.formData ?? {});
              props.onClose();
            } catch (err) {
              setError(err as Error);
              setSubmitting(false);
            }
          }}
          showErrorList="top"
          noHtml5Validate
          focusOnFirstError
        >
          {error && (
            <Typography role="alert" color="error">
              {describeError(error)}
            </Typography>
          )}
          <DialogActions>
            <Button onClick={props.onClose} disabled={submitting}>
              Back
            </Button>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={submitting}
            >
              Send {props.title}
            </Button>
          </DialogActions>
        </Form>
      </DialogContent>
    </>
  );
}

/**
 * A signal whose payload has fields beyond a comment: its form comes from the
 * payload schema. Focus starts on the first field and returns to the button
 * that opened it when it closes.
 */
export function SignalFormDialog(props: Props) {
  const titleId = useId();
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <SignalFormBody {...props} titleId={titleId} />
    </Dialog>
  );
}
