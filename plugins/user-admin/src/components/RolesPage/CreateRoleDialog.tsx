import { Role } from '@internal/backstage-plugin-user-admin-common';
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
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { NewRole } from '../../api';
import { ErrorNotice } from '../ErrorNotice';

/** The backend's rule for role names. */
export const ROLE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

function problemOfName(value: string) {
  if (!value.trim()) return 'Give the role a name.';
  if (!ROLE_NAME.test(value.trim())) {
    return 'Lower case letters, digits, dots, dashes and underscores; start with a letter or digit.';
  }
  return undefined;
}

const useStyles = makeStyles(theme => ({
  fields: { display: 'grid', gap: theme.spacing(2) },
}));

function Body(props: {
  titleId: string;
  onCreate(role: NewRole): Promise<void>;
  onClose(): void;
}) {
  const classes = useStyles();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const nameField = useRef<HTMLInputElement>(null);
  const titleField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    nameField.current?.focus();
  }, []);

  const nameProblem = problemOfName(name);
  const titleProblem = title.trim() ? undefined : 'Give the role a title.';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameProblem) {
      nameField.current?.focus();
      return;
    }
    if (titleProblem) {
      titleField.current?.focus();
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      await props.onCreate({
        name: name.trim(),
        title: title.trim(),
        description: description.trim(),
        grants: [],
        members: [],
      });
      props.onClose();
    } catch (e) {
      setError(e as Error);
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={props.titleId}>Create a role</DialogTitle>
      <DialogContent className={classes.fields}>
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
        {error && (
          <ErrorNotice
            what="create the role"
            action="manage roles"
            error={error}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={saving}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={saving}
          startIcon={
            saving ? <CircularProgress size={16} aria-hidden /> : undefined
          }
        >
          Create role
        </Button>
      </DialogActions>
    </form>
  );
}

/** Name, title and description of a new, empty role. */
export function CreateRoleDialog(props: {
  open: boolean;
  onCreate(role: NewRole): Promise<Role | void>;
  onClose(): void;
}) {
  const titleId = useId();
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <Body
        titleId={titleId}
        onCreate={async role => {
          await props.onCreate(role);
        }}
        onClose={props.onClose}
      />
    </Dialog>
  );
}
