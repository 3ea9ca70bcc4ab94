import {
  ConsoleUser,
  Role,
} from '@internal/backstage-plugin-user-admin-common';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { nameOf } from './UserTable';
import { RoleCheckboxes } from './RoleCheckboxes';

function Body(props: {
  user: ConsoleUser;
  roles?: Role[];
  rolesError?: Error;
  titleId: string;
  onSave(roles: string[]): Promise<void>;
  onClose(): void;
}) {
  const { user, roles, rolesError, onSave, onClose } = props;
  const [selected, setSelected] = useState(user.roles);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await onSave(selected);
      onClose();
    } catch (e) {
      setError(e as Error);
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={props.titleId}>Edit roles of {nameOf(user)}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Roles assigned to {user.userRef} directly. Roles held through a group
          are managed on the role itself and are not shown here.
        </DialogContentText>
        {rolesError ? (
          <ErrorNotice
            what="load the roles"
            action="read roles"
            error={rolesError}
          />
        ) : (
          <RoleCheckboxes
            legend="Roles"
            roles={roles ?? []}
            selected={selected}
            onChange={setSelected}
            disabled={saving || !roles}
            focusFirst
          />
        )}
        {error && (
          <ErrorNotice
            what="save the roles"
            action="change roles"
            error={error}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={saving || !roles}
          startIcon={
            saving ? <CircularProgress size={16} aria-hidden /> : undefined
          }
        >
          Save roles
        </Button>
      </DialogActions>
    </form>
  );
}

/** Checkboxes of every role; saving replaces the user's direct roles. */
export function EditRolesDialog(props: {
  open: boolean;
  user?: ConsoleUser;
  roles?: Role[];
  rolesError?: Error;
  onSave(user: ConsoleUser, roles: string[]): Promise<void>;
  onClose(): void;
}) {
  const titleId = useId();
  const { user } = props;
  return (
    <Dialog
      open={props.open && !!user}
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      {user && (
        <Body
          user={user}
          roles={props.roles}
          rolesError={props.rolesError}
          titleId={titleId}
          onSave={roles => props.onSave(user, roles)}
          onClose={props.onClose}
        />
      )}
    </Dialog>
  );
}
