import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  ErrorNotice,
  FormDialog,
  FormDialogBody,
} from '@ai-ops-console/console-react';
import { DialogContentText, TextField } from '@material-ui/core';
import { useRef, useState } from 'react';
import { NewRole } from '../../api';

/** The backend's rule for role names. */
export const ROLE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

function problemOfName(value: string) {
  if (!value.trim()) return 'Give the role a name.';
  if (!ROLE_NAME.test(value.trim())) {
    return 'Lower case letters, digits, dots, dashes and underscores; start with a letter or digit.';
  }
  return undefined;
}

function Body(props: { onCreate(role: NewRole): Promise<unknown> }) {
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const nameField = useRef<HTMLInputElement>(null);
  const titleField = useRef<HTMLInputElement>(null);

  const nameProblem = problemOfName(name);
  const titleProblem = title.trim() ? undefined : 'Give the role a title.';

  const validate = () => {
    setTouched(true);
    if (nameProblem) {
      nameField.current?.focus();
      return false;
    }
    if (titleProblem) {
      titleField.current?.focus();
      return false;
    }
    return true;
  };

  return (
    <FormDialogBody
      title="Create a role"
      submitLabel="Create role"
      stacked
      validate={validate}
      onSubmit={async () => {
        await props.onCreate({
          name: name.trim(),
          title: title.trim(),
          description: description.trim(),
          grants: [],
          members: [],
        });
      }}
      renderError={error => (
        <ErrorNotice
          what="create the role"
          action="manage roles"
          error={error}
        />
      )}
    >
      <DialogContentText>
        The role starts without grants or members; the role editor opens next.
      </DialogContentText>
      <TextField
        id="user-admin-role-name"
        inputRef={nameField}
        label="Name"
        required
        value={name}
        onChange={e => setName(e.target.value)}
        error={touched && !!nameProblem}
        helperText={
          touched && nameProblem
            ? nameProblem
            : 'Used in the YAML and by the policy, e.g. ml-reviewer. It cannot be changed later.'
        }
        inputProps={{ maxLength: 100 }}
        variant="outlined"
      />
      <TextField
        id="user-admin-role-title"
        inputRef={titleField}
        label="Title"
        required
        value={title}
        onChange={e => setTitle(e.target.value)}
        error={touched && !!titleProblem}
        helperText={touched && titleProblem ? titleProblem : ' '}
        inputProps={{ maxLength: 255 }}
        variant="outlined"
      />
      <TextField
        id="user-admin-role-description"
        label="Description"
        value={description}
        onChange={e => setDescription(e.target.value)}
        multiline
        minRows={2}
        inputProps={{ maxLength: 2000 }}
        variant="outlined"
      />
    </FormDialogBody>
  );
}

/** Name, title and description of a new, empty role. */
export function CreateRoleDialog(props: {
  open: boolean;
  onCreate(role: NewRole): Promise<Role | void>;
  onClose(): void;
}) {
  return (
    <FormDialog open={props.open} onClose={props.onClose}>
      <Body onCreate={props.onCreate} />
    </FormDialog>
  );
}
