import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  ConsoleUser,
  roleManagePermission,
  sessionReadPermission,
  userCreatePermission,
  userDeletePermission,
  userUpdatePermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  ConfirmDialog,
  ErrorNotice,
  WidgetBoundary,
} from '@ai-ops-console/console-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  LinearProgress,
  makeStyles,
  Typography,
} from '@material-ui/core';
import PersonAddIcon from '@material-ui/icons/PersonAdd';
import { useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { userAdminApiRef } from '../../api';
import { useUrlQuery } from '../../hooks/urlQuery';
import { useFocusAfterReload } from '../../hooks/useFocusAfterReload';
import { userQueryCodec } from '../../hooks/userQuery';
import { sessionsRouteRef } from '../../routes';
import { AUDIT_REASON } from '../auditReason';
import { EditRolesDialog } from './EditRolesDialog';
import { InviteDialog } from './InviteDialog';
import { UserFilters } from './UserFilters';
import { nameOf, UserAction, UserActionsAllowed, UserTable } from './UserTable';

const useStyles = makeStyles(theme => ({
  page: { display: 'grid', gap: theme.spacing(2) },
}));

type OpenDialog = (
  | { kind: 'invite' }
  | { kind: 'disable' | 'delete' | 'roles'; user: ConsoleUser }
) & {
  /** False while it closes: the dialog keeps its text until it is gone. */
  open: boolean;
};

/**
 * Console users: search, filter, sort, page, and the actions on each. Actions
 * the reader may not take are not shown (nor while that is being asked); the
 * server checks again anyway.
 */
export function UsersPage() {
  const classes = useStyles();
  const api = useApi(userAdminApiRef);
  const canInvite = usePermission({ permission: userCreatePermission }).allowed;
  const canUpdate = usePermission({ permission: userUpdatePermission }).allowed;
  const canDelete = usePermission({ permission: userDeletePermission }).allowed;
  // assigning roles needs both: the server checks update and role manage
  const canManageRoles = usePermission({
    permission: roleManagePermission,
  }).allowed;
  const canReadSessions = usePermission({
    permission: sessionReadPermission,
  }).allowed;
  const allowed: UserActionsAllowed = {
    status: canUpdate,
    roles: canUpdate && canManageRoles,
    delete: canDelete,
  };
  const [query, setQuery] = useUrlQuery(userQueryCodec);
  const roles = useAsyncRetry(() => api.listRoles(), [api]);
  const users = useAsyncRetry(() => api.listUsers(query), [api, query]);
  const sessionsLink = useRouteRef(sessionsRouteRef);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<{
    what: string;
    error: Error;
  }>();
  const page = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // a deleted user's row, or one that no longer matches the filters, takes
  // the button that opened the dialog with it: the focus goes to the heading
  const keepFocus = useFocusAfterReload({
    target: heading,
    page,
    data: users.value,
    dialogOpen: !!dialog?.open,
  });

  const done = (message: string) => {
    setNotice(message);
    setActionError(undefined);
    keepFocus();
    users.retry();
  };

  const onAction = async (action: UserAction, user: ConsoleUser) => {
    const who = nameOf(user);
    if (action === 'approve' || action === 'enable') {
      setNotice('');
      try {
        await api.setUserStatus({ id: user.id, action });
        done(`${action === 'approve' ? 'Approved' : 'Enabled'} ${who}.`);
      } catch (error) {
        setActionError({ what: `${action} ${who}`, error: error as Error });
      }
      return;
    }
    setDialog({ kind: action, user, open: true });
  };

  const closeDialog = () => setDialog(d => d && { ...d, open: false });
  const isOpen = (kind: OpenDialog['kind']) =>
    !!dialog?.open && dialog.kind === kind;
  const target = dialog && 'user' in dialog ? dialog.user : undefined;
  const value = users.value;
  const filtered = !!(query.search || query.role || query.status);

  return (
    <div ref={page} className={classes.page}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h5" component="h2" ref={heading} tabIndex={-1}>
          Users
        </Typography>
        {canInvite && (
          <Button
            variant="contained"
            color="primary"
            startIcon={<PersonAddIcon aria-hidden />}
            onClick={() => setDialog({ kind: 'invite', open: true })}
          >
            Invite user
          </Button>
        )}
      </Box>
      <WidgetBoundary what="the filters">
        <UserFilters
          // the search field starts from the URL again when it changes under it
          key={query.search ?? ''}
          query={query}
          roles={roles.value}
          onChange={setQuery}
        />
        {roles.error && (
          // the list of users does not need the roles: it stays, with role
          // names instead of titles, and the role filter offers none
          <ErrorNotice
            what="load the roles"
            action="read roles"
            error={roles.error}
            onRetry={roles.retry}
          />
        )}
      </WidgetBoundary>
      <Typography role="status" variant="body2">
        {notice}
      </Typography>
      {actionError && (
        <ErrorNotice
          what={actionError.what}
          action="change users"
          error={actionError.error}
        />
      )}
      <WidgetBoundary what="the user list">
        {users.loading && <LinearProgress aria-label="Loading users" />}
        {users.error && (
          <ErrorNotice
            what="load the users"
            action="list users"
            error={users.error}
            onRetry={users.retry}
          />
        )}
        {value && value.items.length === 0 && (
          <Box py={4} textAlign="center">
            <Typography variant="h6" component="p">
              {filtered ? 'No users match these filters' : 'No users yet'}
            </Typography>
            <Typography color="textSecondary">
              {filtered && 'Try another search, role or status.'}
              {!filtered &&
                (canInvite
                  ? 'Users are registered at their first sign-in, or invited here.'
                  : 'Users are registered at their first sign-in.')}
            </Typography>
            {filtered && (
              <Button
                onClick={() =>
                  setQuery({
                    ...query,
                    search: undefined,
                    role: undefined,
                    status: undefined,
                    offset: 0,
                  })
                }
              >
                Clear filters
              </Button>
            )}
          </Box>
        )}
        {value && value.items.length > 0 && (
          <UserTable
            users={value.items}
            total={value.total}
            query={query}
            roles={roles.value}
            allowed={allowed}
            // another user's sessions need the session read permission; the
            // reader's own are under Sessions for everyone
            sessionsHref={
              canReadSessions && sessionsLink
                ? u =>
                    `${sessionsLink()}?${new URLSearchParams({
                      userRef: u.userRef,
                    })}`
                : undefined
            }
            onQueryChange={setQuery}
            onAction={onAction}
          />
        )}
      </WidgetBoundary>

      <InviteDialog
        open={isOpen('invite')}
        roles={roles.value}
        rolesError={roles.error}
        canAssignRoles={canManageRoles}
        onClose={closeDialog}
        onInvite={async invitation => {
          const invited = await api.inviteUser(invitation);
          done(`Invited ${invitation.email} as ${invited.userRef}.`);
        }}
      />
      <EditRolesDialog
        open={isOpen('roles')}
        user={target}
        roles={roles.value}
        rolesError={roles.error}
        onClose={closeDialog}
        onSave={async (user, selected) => {
          await api.updateUser({ id: user.id, patch: { roles: selected } });
          done(`Saved the roles of ${nameOf(user)}.`);
        }}
      />
      <ConfirmDialog
        open={isOpen('disable')}
        title={`Disable ${target ? nameOf(target) : ''}?`}
        description={
          target && (
            <>
              {target.displayName} ({target.userRef}) will not be able to sign
              in. Every session and token they hold is revoked at once. You can
              enable them again later.
            </>
          )
        }
        reason={AUDIT_REASON}
        confirmLabel="Disable"
        destructive
        renderError={error => (
          <ErrorNotice what="disable" action="disable users" error={error} />
        )}
        onClose={closeDialog}
        onConfirm={async reason => {
          await api.setUserStatus({
            id: target!.id,
            action: 'disable',
            reason,
          });
          done(`Disabled ${nameOf(target!)}; their sessions were revoked.`);
        }}
      />
      <ConfirmDialog
        open={isOpen('delete')}
        title={`Delete ${target ? nameOf(target) : ''}?`}
        description={
          target && (
            <>
              {target.displayName} ({target.userRef}) is deleted: their sessions
              are revoked and every token they hold is refused, and their role
              assignments are removed. Audit records about them are kept. If
              they sign in again, they register as a new user.
            </>
          )
        }
        confirmLabel="Delete user"
        destructive
        renderError={error => (
          <ErrorNotice what="delete user" action="delete users" error={error} />
        )}
        onClose={closeDialog}
        onConfirm={async () => {
          await api.deleteUser({ id: target!.id });
          done(`Deleted ${nameOf(target!)}.`);
        }}
      />
    </div>
  );
}
