import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import {
  Role,
  roleManagePermission,
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
  CircularProgress,
  LinearProgress,
  Link,
  makeStyles,
  Paper,
  TextField,
  Typography,
} from '@material-ui/core';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { FormEvent, useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { userAdminApiRef } from '../../api';
import { FOCUS_HEADING, wantsHeadingFocus } from '../../hooks/focusState';
import { rolesRouteRef } from '../../routes';
import {
  fromDrafts,
  GrantDraft,
  GrantList,
  GrantProblems,
  GrantsEditor,
  toDrafts,
} from '../GrantsEditor';
import { MembersEditor } from './MembersEditor';

const useStyles = makeStyles(theme => ({
  section: {
    padding: theme.spacing(2),
    display: 'grid',
    gap: theme.spacing(2),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    flexWrap: 'wrap',
  },
}));

/** Saves with a spinner and an error that stays until the next try. */
function useSaving() {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async (fn: () => Promise<void>) => {
    setSaving(true);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, run };
}

function DetailsAndGrants(props: { role: Role; onSaved(role: Role): void }) {
  const { role } = props;
  const classes = useStyles();
  const api = useApi(userAdminApiRef);
  const permissions = useAsyncRetry(() => api.listPermissions(), [api]);
  const [title, setTitle] = useState(role.title);
  const [description, setDescription] = useState(role.description);
  const [drafts, setDrafts] = useState<GrantDraft[]>(() =>
    toDrafts(role.grants),
  );
  const [problems, setProblems] = useState<Record<string, GrantProblems>>();
  const [notice, setNotice] = useState('');
  const { saving, error, run } = useSaving();

  const save = (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    const { grants, problems: found } = fromDrafts(drafts);
    if (!grants || !title.trim()) {
      setProblems(found);
      setNotice('Nothing was saved: correct the fields marked in error.');
      return;
    }
    setProblems(undefined);
    void run(async () => {
      const saved = await api.updateRole({
        name: role.name,
        patch: { title: title.trim(), description, grants },
      });
      setNotice(`Saved the role ${saved.title}.`);
      props.onSaved(saved);
    });
  };

  const unreachable = permissions.value?.unreachable ?? [];

  return (
    <Paper
      component="section"
      aria-labelledby="user-admin-role-grants"
      className={classes.section}
    >
      <form
        onSubmit={save}
        noValidate
        className={classes.section}
        style={{ padding: 0 }}
      >
        <Typography id="user-admin-role-grants" variant="h6" component="h3">
          Details and grants
        </Typography>
        <TextField
          id="user-admin-role-edit-title"
          label="Title"
          required
          value={title}
          onChange={e => setTitle(e.target.value)}
          error={!title.trim()}
          helperText={title.trim() ? ' ' : 'Give the role a title.'}
          inputProps={{ maxLength: 255 }}
          variant="outlined"
        />
        <TextField
          id="user-admin-role-edit-description"
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
          multiline
          minRows={2}
          inputProps={{ maxLength: 2000 }}
          variant="outlined"
        />
        {permissions.error && (
          // the grants can be edited and saved without them
          <ErrorNotice
            what="load the registered permissions (suggestions are off)"
            action="read permissions"
            error={permissions.error}
            onRetry={permissions.retry}
          />
        )}
        {unreachable.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            Permissions of {unreachable.join(', ')} could not be read; they are
            missing from the suggestions.
          </Typography>
        )}
        <GrantsEditor
          drafts={drafts}
          onChange={setDrafts}
          problems={problems}
          permissions={permissions.value?.items}
          disabled={saving}
        />
        {error && (
          <ErrorNotice
            what="save the role"
            action="change roles"
            error={error}
          />
        )}
        <div className={classes.actions}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={saving}
            startIcon={
              saving ? <CircularProgress size={16} aria-hidden /> : undefined
            }
          >
            Save role
          </Button>
          <Typography role="status" variant="body2">
            {notice}
          </Typography>
        </div>
      </form>
    </Paper>
  );
}

/** The description and grants as text, for those who may not change them. */
function DetailsAndGrantsView(props: { role: Role }) {
  const { role } = props;
  const classes = useStyles();
  return (
    <Paper
      component="section"
      aria-labelledby="user-admin-role-grants"
      className={classes.section}
    >
      <Typography id="user-admin-role-grants" variant="h6" component="h3">
        Details and grants
      </Typography>
      <Typography color={role.description ? 'textPrimary' : 'textSecondary'}>
        {role.description || 'No description.'}
      </Typography>
      <GrantList grants={role.grants} />
    </Paper>
  );
}

function Members(props: {
  role: Role;
  /** Only the list: no add, remove or save. */
  readOnly: boolean;
  onSaved(role: Role): void;
}) {
  const { role } = props;
  const classes = useStyles();
  const api = useApi(userAdminApiRef);
  const [members, setMembers] = useState(role.members);
  const [notice, setNotice] = useState('');
  const { saving, error, run } = useSaving();

  const save = () =>
    run(async () => {
      setNotice('');
      const saved = await api.setRoleMembers({ name: role.name, members });
      setMembers(saved.members);
      setNotice(
        `Saved ${saved.members.length} ${
          saved.members.length === 1 ? 'member' : 'members'
        }.`,
      );
      props.onSaved(saved);
    });

  return (
    <Paper
      component="section"
      aria-labelledby="user-admin-role-members"
      className={classes.section}
    >
      <Typography id="user-admin-role-members" variant="h6" component="h3">
        Members
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Users hold the role directly; members of a group hold it through the
        group.
      </Typography>
      <MembersEditor
        members={members}
        onChange={setMembers}
        disabled={saving}
        readOnly={props.readOnly}
      />
      {error && (
        <ErrorNotice
          what="save the members"
          action="assign roles"
          error={error}
        />
      )}
      {!props.readOnly && (
        <div className={classes.actions}>
          <Button
            variant="contained"
            color="primary"
            onClick={save}
            disabled={saving}
            startIcon={
              saving ? <CircularProgress size={16} aria-hidden /> : undefined
            }
          >
            Save members
          </Button>
          <Typography role="status" variant="body2">
            {notice}
          </Typography>
        </div>
      )}
    </Paper>
  );
}

/**
 * One role: its details, grants and members, and deleting it. Those without
 * the role manage permission see the role as text, with nothing to change.
 */
export function RoleEditorPage(props: { name: string }) {
  const { name } = props;
  const classes = useStyles();
  const api = useApi(userAdminApiRef);
  const manage = usePermission({ permission: roleManagePermission });
  const canManage = manage.allowed;
  const rolesLink = useRouteRef(rolesRouteRef);
  const navigate = useNavigate();
  const loaded = useAsyncRetry(() => api.getRole({ name }), [api, name]);
  const [current, setCurrent] = useState<Role>();
  const [confirming, setConfirming] = useState(false);
  const role = current ?? loaded.value;
  // the role shows once it is known whether it may be changed: no editor
  // that turns into text, nor buttons that go away
  const shown = manage.loading ? undefined : role;
  const heading = useRef<HTMLHeadingElement>(null);
  // arriving from Create role, whose dialog and page are gone
  const { state } = useLocation();
  const focusOnArrival = wantsHeadingFocus(state);
  useEffect(() => {
    if (focusOnArrival) heading.current?.focus();
  }, [focusOnArrival]);

  const back = rolesLink?.();

  return (
    <Box display="grid" gridGap={16}>
      {back && (
        <Box>
          <Link component={RouterLink} to={back}>
            <ArrowBackIcon aria-hidden fontSize="inherit" /> All roles
          </Link>
        </Box>
      )}
      <Typography variant="h5" component="h2" ref={heading} tabIndex={-1}>
        Role {role ? role.title : name}
      </Typography>
      {((loaded.loading && !role) || (role && !shown)) && (
        <LinearProgress aria-label="Loading the role" />
      )}
      {loaded.error && (
        <ErrorNotice
          what={`load the role ${name}`}
          action="read roles"
          error={loaded.error}
          onRetry={loaded.retry}
        />
      )}
      {shown && !canManage && (
        <>
          <Typography color="textSecondary">
            <code>{shown.name}</code> ·{' '}
            {shown.builtIn ? 'Built-in role.' : 'Custom role.'} You may view
            this role but not change it.
          </Typography>
          <WidgetBoundary what="the grants">
            <DetailsAndGrantsView role={shown} />
          </WidgetBoundary>
          <WidgetBoundary what="the members">
            <Members role={shown} readOnly onSaved={setCurrent} />
          </WidgetBoundary>
        </>
      )}
      {shown && canManage && (
        <>
          <Typography color="textSecondary">
            <code>{shown.name}</code> ·{' '}
            {shown.builtIn
              ? 'Built-in: its grants and members can be changed, but it cannot be deleted.'
              : 'Custom role.'}
          </Typography>
          <WidgetBoundary what="the grants">
            <DetailsAndGrants role={shown} onSaved={setCurrent} />
          </WidgetBoundary>
          <WidgetBoundary what="the members">
            <Members role={shown} readOnly={false} onSaved={setCurrent} />
          </WidgetBoundary>
          <div className={classes.actions}>
            <Button
              variant="outlined"
              color="secondary"
              disabled={shown.builtIn}
              aria-describedby={
                shown.builtIn ? 'user-admin-role-builtin' : undefined
              }
              onClick={() => setConfirming(true)}
            >
              Delete role
            </Button>
            {shown.builtIn && (
              <Typography
                id="user-admin-role-builtin"
                variant="body2"
                color="textSecondary"
              >
                Built-in roles cannot be deleted.
              </Typography>
            )}
          </div>
          <ConfirmDialog
            open={confirming}
            title={`Delete role ${shown.title}?`}
            description={`The role ${shown.name} and its assignments to ${
              shown.members.length
            } ${
              shown.members.length === 1 ? 'member' : 'members'
            } are removed; they lose what it grants at once. Users and groups are not deleted.`}
            confirmLabel="Delete role"
            destructive
            renderError={error => (
              <ErrorNotice
                what="delete role"
                action="delete roles"
                error={error}
              />
            )}
            onClose={() => setConfirming(false)}
            onConfirm={async () => {
              await api.deleteRole({ name: shown.name });
              if (back) navigate(back, { state: FOCUS_HEADING });
            }}
          />
        </>
      )}
    </Box>
  );
}
