import {
  ConsoleUser,
  Role,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  ErrorNotice,
  FormDialog,
  FormDialogBody,
} from '@ai-ops-console/console-react';
import { DialogContentText } from '@material-ui/core';
import { useState } from 'react';
import { nameOf } from './UserTable';
import { RoleCheckboxes } from './RoleCheckboxes';

function Body(props: {
  user: ConsoleUser;
  roles?: Role[];
  rolesError?: Error;
  onSave(roles: string[]): Promise<void>;
}) {
  const { user, roles, rolesError, onSave } = props;
  const [selected, setSelected] = useState(user.roles);

  return (
    <FormDialogBody
      title={`Edit roles of ${nameOf(user)}`}
      submitLabel="Save roles"
      submitDisabled={!roles}
      onSubmit={() => onSave(selected)}
      renderError={error => (
        <ErrorNotice
          what="save the roles"
          action="change roles"
          error={error}
        />
      )}
    >
      {({ submitting }) => (
        <>
          <DialogContentText>
            Roles assigned to {user.userRef} directly. Roles held through a
            group are managed on the role itself and are not shown here.
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
              disabled={submitting || !roles}
              focusFirst
            />
          )}
        </>
      )}
    </FormDialogBody>
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
  const { user } = props;
  return (
    <FormDialog open={props.open && !!user} onClose={props.onClose}>
      {user && (
        <Body
          user={user}
          roles={props.roles}
          rolesError={props.rolesError}
          onSave={roles => props.onSave(user, roles)}
        />
      )}
    </FormDialog>
  );
}
