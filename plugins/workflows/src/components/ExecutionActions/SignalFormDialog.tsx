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
import { useId, useState } from 'react';
import { describeError } from '../LoadError';

/** A signal whose payload has fields beyond a comment: its form comes from the payload schema. */
export function SignalFormDialog(props: {
  open: boolean;
  title: string;
  schema: Record<string, unknown>;
  onConfirm(payload: Record<string, unknown>): Promise<void>;
  onClose(): void;
}) {
  const titleId = useId();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
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
    </Dialog>
  );
}
