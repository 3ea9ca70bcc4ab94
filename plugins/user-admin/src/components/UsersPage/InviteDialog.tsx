import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  ErrorNotice,
  FormDialog,
  FormDialogBody,
} from '@ai-ops-console/console-react';
import { DialogContentText, TextField } from '@material-ui/core';
import { useRef, useState } from 'react';
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

function Body(props: {
  roles?: Role[];
  rolesError?: Error;
  canAssignRoles: boolean;
  onInvite(invitation: Invitation): Promise<void>;
}) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const emailField = useRef<HTMLInputElement>(null);
  const usernameField = useRef<HTMLInputElement>(null);

  const emailProblem = problemOfEmail(email);
  const usernameProblem =
    username.trim() && !USERNAME.test(username.trim())
      ? 'Use letters, digits, dots, dashes and underscores only.'
      : undefined;

  const validate = () => {
    setTouched(true);
    if (emailProblem) {
      emailField.current?.focus();
      return false;
    }
    if (usernameProblem) {
      usernameField.current?.focus();
      return false;
    }
    return true;
  };

  return (
    <FormDialogBody
      title="Invite a user"
      submitLabel="Invite"
      stacked
      validate={validate}
      onSubmit={() =>
        props.onInvite({
          email: email.trim(),
          displayName: displayName.trim() || undefined,
          username: username.trim() || undefined,
          roles: roles.length ? roles : undefined,
        })
      }
      renderError={error => (
        <ErrorNotice
          what="invite the user"
          action="invite users"
          error={error}
        />
      )}
    >
      {({ submitting }) => (
        <>
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
          {!props.canAssignRoles && (
            // the server refuses roles in an invitation without role manage
            <DialogContentText>
              They get the default roles: you may not assign roles.
            </DialogContentText>
          )}
          {props.canAssignRoles && props.rolesError && (
            <ErrorNotice
              what="load the roles"
              action="read roles"
              error={props.rolesError}
            />
          )}
          {props.canAssignRoles && !props.rolesError && (
            <RoleCheckboxes
              legend="Roles (none selected: the default roles)"
              roles={props.roles ?? []}
              selected={roles}
              onChange={setRoles}
              disabled={submitting}
            />
          )}
        </>
      )}
    </FormDialogBody>
  );
}

/**
 * Email, display name, username and roles of a user to pre-register; the
 * roles only for those who may assign them.
 */
export function InviteDialog(props: {
  open: boolean;
  roles?: Role[];
  rolesError?: Error;
  canAssignRoles: boolean;
  onInvite(invitation: Invitation): Promise<void>;
  onClose(): void;
}) {
  return (
    <FormDialog open={props.open} onClose={props.onClose}>
      <Body
        roles={props.roles}
        rolesError={props.rolesError}
        canAssignRoles={props.canAssignRoles}
        onInvite={props.onInvite}
      />
    </FormDialog>
  );
}
