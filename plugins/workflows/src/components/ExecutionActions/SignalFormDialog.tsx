import { FormDialog, FormDialogBody } from '@ai-ops-console/console-react';
import Form from '@rjsf/core';
import { Form as MuiForm } from '@rjsf/material-ui';
import { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useRef, useState } from 'react';
import { describeError } from '../LoadError';

type Props = {
  open: boolean;
  title: string;
  schema: Record<string, unknown>;
  onConfirm(payload: Record<string, unknown>): Promise<void>;
  onClose(): void;
};

// FormDialogBody's buttons submit it, so rjsf draws none of its own
const UI_SCHEMA: UiSchema = { 'ui:submitButtonOptions': { norender: true } };

/**
 * The form itself, mounted for each opening of the dialog, so a second
 * opening starts empty. rjsf renders a div inside FormDialogBody's form and
 * is validated through its ref before the payload is sent.
 */
function SignalFormBody(props: Props) {
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const form = useRef<Form>(null);
  const fields = useRef<HTMLDivElement>(null);
  return (
    <FormDialogBody
      title={props.title}
      submitLabel={`Send ${props.title}`}
      cancelLabel="Back"
      validate={() => form.current?.validateForm() ?? false}
      onSubmit={() => props.onConfirm(formData)}
      renderError={describeError}
    >
      <div ref={fields}>
        <MuiForm
          ref={form}
          tagName="div"
          schema={props.schema as RJSFSchema}
          uiSchema={UI_SCHEMA}
          validator={validator}
          formData={formData}
          onChange={e => setFormData(e.formData ?? {})}
          showErrorList="top"
          noHtml5Validate
          // rjsf's focusOnFirstError looks the field up in form.elements, which
          // a div does not have: the first field marked invalid takes the focus
          onError={() =>
            fields.current
              ?.querySelector<HTMLElement>('[aria-invalid="true"]')
              ?.focus()
          }
        />
      </div>
    </FormDialogBody>
  );
}

/**
 * A signal whose payload has fields beyond a comment: its form comes from the
 * payload schema. Focus starts on the first field and returns to the button
 * that opened it when it closes.
 */
export function SignalFormDialog(props: Props) {
  return (
    <FormDialog open={props.open} onClose={props.onClose}>
      <SignalFormBody {...props} />
    </FormDialog>
  );
}
