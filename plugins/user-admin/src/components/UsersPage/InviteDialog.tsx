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
import { ErrorNotice } from '../ErrorNotice';
import { RoleCheckboxes } from './RoleCheckboxes';

export type Invitation = {
  email: string;
  displayName?: string;
  username?: string;
  roles?: string[];
};

/** Close to what the backend accepts; it has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[a-z0-9._-]+$/i;

function problemOfEmail(value: string) {
  if (!value.trim()) return 'Enter the email address to invite.';
  if (!EMAIL.test(value.trim())) {
    return 'Enter a valid email address, like jane@example.com.';
  }
  return undefined;
}

const useStyles = makeStyles(theme => ({
  fields: { display: 'grid', gap: theme.spacing(2) },
}));

function Body(props: {
  titleId: string;
  roles?: Role[];
  rolesError?: Error;
  onInvite(invitation: Invitation): Promise<void>;
  onClose(): void;
}) {
  const classes = useStyles();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const emailField = useRef<HTMLInputElement>(null);
  const usernameField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    emailField.current?.focus();
  }, []);

  const emailProblem = problemOfEmail(email);
  const usernameProblem =
    username.trim() && !USERNAME.test(username.trim())
      ? 'Use letters, digits, dots, dashes and underscores only.'
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (emailProblem) {
      emailField.current?.focus();
      return;
    }
    if (usernameProblem) {
      usernameField.current?.focus();
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      await props.onInvite({
        email: email.trim(),
        displayName: displayName.trim() || undefined,
        username: username.trim() || undefined,
        roles: roles.length ? roles : undefined,
      });
      props.onClose();
    } catch (e) {
      setError(e as Error);
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={props.titleId}>Invite a user</DialogTitle>
      <DialogContent className={classes.fields}>
        <DialogContentText>
          The user is registered as invited and becomes active at their first
          sign-in with this email address.
        </DialogContentText>
        <TextField
          id="user-admin-invite-email"
          inputRef={emailField}
          label="Email"
          type="email"
          required
          value={email}
          onChange={e => setEmail(e.target.value)}
          error={touched && !!emailProblem}
          helperText={touched && emailProblem ? emailProblem : ' '}
          inputProps={{ maxLength: 320 }}
          variant="outlined"
        />
        <TextField
          id="user-admin-invite-display-name"
          label="Display name"
          value={displayName}
          onChange={e => setDisplayName(e.target.value)}
          helperText="Defaults to the email address."
          inputProps={{ maxLength: 255 }}
          variant="outlined"
        />
        <TextField
          id="user-admin-invite-username"
          inputRef={usernameField}
          label="Username"
          value={username}
          onChange={e => setUsername(e.target.value)}
          error={!!usernameProblem}
          helperText={
            usernameProblem ??
            'Becomes the user ref, user:default/<username>; defaults to the part of the email before @.'
          }
          inputProps={{ maxLength: 60 }}
          variant="outlined"
        />
        {props.rolesError ? (
          <ErrorNotice
            what="load the roles"
            action="read roles"
            error={props.rolesError}
          />
        ) : (
          <RoleCheckboxes
            legend="Roles (none selected: the default roles)"
            roles={props.roles ?? []}
            selected={roles}
            onChange={setRoles}
            disabled={saving}
          />
        )}
        {error && (
          <ErrorNotice
            what="invite the user"
            action="invite users"
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
          Invite
        </Button>
      </DialogActions>
    </form>
  );
}

/** Email, display name, username and roles of a user to pre-register. */
export function InviteDialog(props: {
  open: boolean;
  roles?: Role[];
  rolesError?: Error;
  onInvite(invitation: Invitation): Promise<void>;
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
        roles={props.roles}
        rolesError={props.rolesError}
        onInvite={props.onInvite}
        onClose={props.onClose}
      />
    </Dialog>
  );
}
