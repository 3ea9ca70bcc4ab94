import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import {
  Role,
  roleManagePermission,
  roleReadPermission,
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
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import GetAppIcon from '@material-ui/icons/GetApp';
import PublishIcon from '@material-ui/icons/Publish';
import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { userAdminApiRef } from '../../api';
import { FOCUS_HEADING, wantsHeadingFocus } from '../../hooks/focusState';
import { useFocusAfterReload } from '../../hooks/useFocusAfterReload';
import { roleRouteRef } from '../../routes';
import { CreateRoleDialog } from './CreateRoleDialog';
import { ImportRolesDialog } from './ImportRolesDialog';

const useStyles = makeStyles(theme => ({
  page: { display: 'grid', gap: theme.spacing(2) },
  mono: { fontFamily: 'monospace', fontSize: '0.8125rem' },
  actions: { display: 'flex', gap: theme.spacing(1), alignItems: 'center' },
  description: { maxWidth: 420 },
}));

/** Saves text as a file through a temporary link. */
function download(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

type OpenDialog = {
  kind: 'create' | 'import' | 'delete';
  role?: Role;
  open: boolean;
};

/**
 * Every role, with create, delete, export and import. Create, import and
 * delete need the role manage permission, export the role read permission;
 * without it they are not shown (the server checks again anyway), and the
 * editor's link reads View.
 */
export function RolesPage() {
  const classes = useStyles();
  const api = useApi(userAdminApiRef);
  const canManage = usePermission({ permission: roleManagePermission }).allowed;
  const canExport = usePermission({ permission: roleReadPermission }).allowed;
  const roles = useAsyncRetry(() => api.listRoles(), [api]);
  const roleLink = useRouteRef(roleRouteRef);
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<OpenDialog>();
  const [notice, setNotice] = useState('');
  const [exportError, setExportError] = useState<Error>();
  const [exporting, setExporting] = useState(false);
  const page = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // a deleted role's row goes with its Delete button: focus the heading
  const keepFocus = useFocusAfterReload({
    target: heading,
    page,
    data: roles.value,
    dialogOpen: !!dialog?.open,
  });
  // arriving from a role just deleted in its editor, whose button is gone
  const { state } = useLocation();
  const focusOnArrival = wantsHeadingFocus(state);
  useEffect(() => {
    if (focusOnArrival) heading.current?.focus();
  }, [focusOnArrival]);

  const close = () => setDialog(d => d && { ...d, open: false });
  const isOpen = (kind: OpenDialog['kind']) =>
    !!dialog?.open && dialog.kind === kind;
  const hrefOf = (role: Role) => roleLink?.({ name: role.name });
  // no column of empty cells when there is neither a link nor a Delete
  const withActions = canManage || !!roleLink;

  const exportYaml = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      download(await api.exportRoles(), 'roles.yaml', 'text/yaml');
      setNotice('Exported the roles to roles.yaml.');
    } catch (error) {
      setExportError(error as Error);
    } finally {
      setExporting(false);
    }
  };

  const deleting = dialog?.kind === 'delete' ? dialog.role : undefined;

  return (
    <div ref={page} className={classes.page}>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        gridGap={8}
      >
        <Typography variant="h5" component="h2" ref={heading} tabIndex={-1}>
          Roles
        </Typography>
        {(canManage || canExport) && (
          <Box display="flex" gridGap={8} flexWrap="wrap">
            {canManage && (
              <Button
                variant="contained"
                color="primary"
                startIcon={<AddIcon aria-hidden />}
                onClick={() => setDialog({ kind: 'create', open: true })}
              >
                Create role
              </Button>
            )}
            {canExport && (
              <Button
                variant="outlined"
                startIcon={<GetAppIcon aria-hidden />}
                onClick={exportYaml}
                disabled={exporting}
              >
                Export YAML
              </Button>
            )}
            {canManage && (
              <Button
                variant="outlined"
                startIcon={<PublishIcon aria-hidden />}
                onClick={() => setDialog({ kind: 'import', open: true })}
              >
                Import YAML
              </Button>
            )}
          </Box>
        )}
      </Box>
      <Typography role="status" variant="body2">
        {notice}
      </Typography>
      {exportError && (
        <ErrorNotice
          what="export the roles"
          action="read roles"
          error={exportError}
          onRetry={exportYaml}
        />
      )}
      <WidgetBoundary what="the roles">
        {roles.loading && <LinearProgress aria-label="Loading roles" />}
        {roles.error && (
          <ErrorNotice
            what="load the roles"
            action="read roles"
            error={roles.error}
            onRetry={roles.retry}
          />
        )}
        {roles.value && roles.value.length === 0 && (
          <Typography>No roles yet.</Typography>
        )}
        {roles.value && roles.value.length > 0 && (
          <Box overflow="auto">
            <Table size="small" aria-label="Roles">
              <TableHead>
                <TableRow>
                  <TableCell>Title</TableCell>
                  <TableCell>Name</TableCell>
                  <TableCell>Description</TableCell>
                  <TableCell>Kind</TableCell>
                  <TableCell align="right">Members</TableCell>
                  <TableCell align="right">Grants</TableCell>
                  {withActions && <TableCell>Actions</TableCell>}
                </TableRow>
              </TableHead>
              <TableBody>
                {roles.value.map(role => {
                  const href = hrefOf(role);
                  const explanationId = `user-admin-role-${role.name}-builtin`;
                  return (
                    <TableRow key={role.name}>
                      <TableCell component="th" scope="row" role="rowheader">
                        {href ? (
                          <Link component={RouterLink} to={href}>
                            {role.title}
                          </Link>
                        ) : (
                          role.title
                        )}
                      </TableCell>
                      <TableCell className={classes.mono}>
                        {role.name}
                      </TableCell>
                      <TableCell className={classes.description}>
                        {role.description || '—'}
                      </TableCell>
                      <TableCell>
                        {role.builtIn ? 'Built-in' : 'Custom'}
                      </TableCell>
                      <TableCell align="right">{role.members.length}</TableCell>
                      <TableCell align="right">{role.grants.length}</TableCell>
                      {withActions && (
                        <TableCell>
                          <div className={classes.actions}>
                            {href && (
                              <Button
                                size="small"
                                variant="outlined"
                                component={RouterLink}
                                to={href}
                                role="link"
                                aria-label={`${
                                  canManage ? 'Edit' : 'View'
                                } role ${role.title}`}
                              >
                                {canManage ? 'Edit' : 'View'}
                              </Button>
                            )}
                            {canManage && (
                              <Button
                                size="small"
                                color="secondary"
                                disabled={role.builtIn}
                                aria-label={`Delete role ${role.title}`}
                                aria-describedby={
                                  role.builtIn ? explanationId : undefined
                                }
                                onClick={() =>
                                  setDialog({
                                    kind: 'delete',
                                    role,
                                    open: true,
                                  })
                                }
                              >
                                Delete
                              </Button>
                            )}
                            {canManage && role.builtIn && (
                              <Typography
                                id={explanationId}
                                variant="caption"
                                color="textSecondary"
                              >
                                Built-in roles cannot be deleted.
                              </Typography>
                            )}
                          </div>
                        </TableCell>
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        )}
      </WidgetBoundary>

      <CreateRoleDialog
        open={isOpen('create')}
        onClose={close}
        onCreate={async role => {
          const created = await api.createRole(role);
          const href = roleLink?.({ name: created.name });
          // the editor takes the focus, as Create role is gone with this page
          if (href) {
            navigate(href, { state: FOCUS_HEADING });
          } else {
            keepFocus();
            roles.retry();
          }
        }}
      />
      <ImportRolesDialog
        open={isOpen('import')}
        onClose={close}
        onImport={async yaml => {
          const { imported } = await api.importRoles({ yaml });
          setNotice(
            `Imported ${imported} ${imported === 1 ? 'role' : 'roles'}.`,
          );
          keepFocus();
          roles.retry();
        }}
      />
      <ConfirmDialog
        open={isOpen('delete')}
        title={`Delete role ${deleting?.title ?? ''}?`}
        description={
          deleting &&
          `The role ${deleting.name} and its assignments to ${
            deleting.members.length
          } ${
            deleting.members.length === 1 ? 'member' : 'members'
          } are removed; they lose what it grants at once. Users and groups are not deleted.`
        }
        confirmLabel="Delete role"
        destructive
        renderError={error => (
          <ErrorNotice what="delete role" action="delete roles" error={error} />
        )}
        onClose={close}
        onConfirm={async () => {
          await api.deleteRole({ name: deleting!.name });
          setNotice(`Deleted the role ${deleting!.title}.`);
          keepFocus();
          roles.retry();
        }}
      />
    </div>
  );
}
