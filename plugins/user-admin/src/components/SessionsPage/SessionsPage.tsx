import { useApi } from '@backstage/core-plugin-api';
import {
  ConsoleSession,
  sessionRevokePermission,
  userReadPermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  ConfirmDialog,
  ErrorNotice,
  SignInAgainButton,
  WidgetBoundary,
  statusOf,
} from '@ai-ops-console/console-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import ExitToAppIcon from '@material-ui/icons/ExitToApp';
import { FormEvent, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { SessionList, UserAdminApi, userAdminApiRef } from '../../api';
import { SessionQuery, sessionQueryCodec } from '../../hooks/sessionQuery';
import { useUrlQuery } from '../../hooks/urlQuery';
import { useFocusAfterReload } from '../../hooks/useFocusAfterReload';
import { AUDIT_REASON } from '../auditReason';
import { SessionTable } from './SessionTable';

const useStyles = makeStyles(theme => ({
  page: { display: 'grid', gap: theme.spacing(2) },
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
  },
  field: { minWidth: 280 },
  signedOut: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'center',
    padding: theme.spacing(2),
    border: `2px solid ${theme.palette.warning.dark}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

const lower = (s?: string) => s?.toLocaleLowerCase('en-US');

type Loaded = SessionList & {
  /** `all` when the caller may read every session, else only their own. */
  scope: 'all' | 'own';
};

/** Everyone's sessions when allowed (GET /sessions), else the caller's own. */
async function loadSessions(
  api: UserAdminApi,
  query: SessionQuery,
): Promise<Loaded> {
  const page = {
    activeOnly: query.activeOnly,
    limit: query.limit,
    offset: query.offset,
  };
  try {
    return {
      scope: 'all',
      ...(await api.listSessions({ ...page, userRef: query.userRef })),
    };
  } catch (error) {
    if (statusOf(error) !== 403) throw error;
  }
  return { scope: 'own', ...(await api.listMySessions(page)) };
}

/** Finds the console user with a ref, to log them out everywhere. */
async function userIdOf(api: UserAdminApi, userRef: string) {
  const { items } = await api.listUsers({ search: userRef, limit: 10 });
  const match = items.find(u => lower(u.userRef) === lower(userRef));
  if (!match) throw new Error(`No console user has the ref ${userRef}.`);
  return match.id;
}

function SessionFilters(props: {
  query: SessionQuery;
  showUserRef: boolean;
  onChange(query: SessionQuery): void;
}) {
  const { query, showUserRef, onChange } = props;
  const classes = useStyles();
  const [userRef, setUserRef] = useState(query.userRef ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...query, userRef: userRef.trim() || undefined, offset: 0 });
  };
  return (
    <form
      className={classes.form}
      onSubmit={submit}
      aria-label="Filter sessions"
    >
      {showUserRef && (
        <>
          <TextField
            className={classes.field}
            id="user-admin-sessions-user"
            label="User ref"
            placeholder="user:default/jane"
            value={userRef}
            onChange={e => setUserRef(e.target.value)}
            InputLabelProps={{ shrink: true }}
          />
          <Button type="submit" variant="outlined">
            Apply
          </Button>
          {query.userRef && (
            <Button
              onClick={() =>
                onChange({ ...query, userRef: undefined, offset: 0 })
              }
            >
              Show every user
            </Button>
          )}
        </>
      )}
      <FormControlLabel
        control={
          <Checkbox
            checked={query.activeOnly}
            onChange={e =>
              onChange({ ...query, activeOnly: e.target.checked, offset: 0 })
            }
          />
        }
        label="Active only"
      />
    </form>
  );
}

type Pending =
  | { kind: 'revoke'; session: ConsoleSession }
  | { kind: 'me' }
  | { kind: 'user'; userRef: string };

/**
 * Sessions, with revoking one and logging a user (or oneself) out everywhere.
 * Everyone may end their own sessions; other users' only with the session
 * revoke permission, and their Revoke and Log out buttons are shown only then.
 */
export function SessionsPage() {
  const classes = useStyles();
  const api = useApi(userAdminApiRef);
  const [query, setQuery] = useUrlQuery(sessionQueryCodec);
  const me = useAsync(() => api.getMe(), [api]);
  const canRevokeAny = usePermission({
    permission: sessionRevokePermission,
  }).allowed;
  // logging another user out everywhere finds them by their ref first
  const canReadUsers = usePermission({
    permission: userReadPermission,
  }).allowed;
  const sessions = useAsyncRetry(() => loadSessions(api, query), [api, query]);
  const [pending, setPending] = useState<Pending & { open: boolean }>();
  const [notice, setNotice] = useState('');
  const [signedOut, setSignedOut] = useState(false);
  const page = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // a revoked session loses its Revoke button (or its row, when only active
  // ones are listed): the focus goes to the heading rather than nowhere
  const keepFocus = useFocusAfterReload({
    target: heading,
    page,
    data: sessions.value,
    dialogOpen: !!pending?.open,
  });

  const myRef = me.value?.userRef;
  const value = sessions.value;
  const scope = value?.scope;
  const filteredRef = scope === 'all' ? query.userRef : undefined;
  const isMe = (ref?: string) =>
    !!ref && !!myRef && lower(ref) === lower(myRef);
  const mayRevoke = (session: ConsoleSession) =>
    canRevokeAny || isMe(session.userRef);
  const close = () => setPending(p => p && { ...p, open: false });
  const isOpen = (kind: Pending['kind']) =>
    !!pending?.open && pending.kind === kind;

  let subtitle = '';
  if (scope === 'own') {
    subtitle = `Your sessions${
      myRef ? ` (${myRef})` : ''
    }. You may see only your own.`;
  } else if (filteredRef) {
    subtitle = `Sessions of ${filteredRef}.`;
  } else if (scope === 'all') {
    subtitle = "Every user's sessions, most recently seen first.";
  }

  const revoking = pending?.kind === 'revoke' ? pending.session : undefined;
  const otherUser = pending?.kind === 'user' ? pending.userRef : undefined;

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
          Sessions
        </Typography>
        <Box display="flex" gridGap={8} flexWrap="wrap">
          {filteredRef &&
            !isMe(filteredRef) &&
            canRevokeAny &&
            canReadUsers && (
              <Button
                variant="outlined"
                color="secondary"
                startIcon={<ExitToAppIcon aria-hidden />}
                onClick={() =>
                  setPending({ kind: 'user', userRef: filteredRef, open: true })
                }
              >
                Log out {filteredRef} everywhere
              </Button>
            )}
          <Button
            variant="outlined"
            color="secondary"
            startIcon={<ExitToAppIcon aria-hidden />}
            onClick={() => setPending({ kind: 'me', open: true })}
          >
            Log me out everywhere
          </Button>
        </Box>
      </Box>
      {signedOut && (
        <div role="alert" className={classes.signedOut}>
          <Typography>
            You were logged out everywhere, including this browser. Sign in
            again to go on.
          </Typography>
          <SignInAgainButton />
        </div>
      )}
      {subtitle && <Typography color="textSecondary">{subtitle}</Typography>}
      <SessionFilters
        key={query.userRef ?? ''}
        query={query}
        showUserRef={scope !== 'own'}
        onChange={setQuery}
      />
      <Typography role="status" variant="body2">
        {notice}
      </Typography>
      <WidgetBoundary what="the sessions">
        {sessions.loading && <LinearProgress aria-label="Loading sessions" />}
        {sessions.error && (
          <ErrorNotice
            what="load the sessions"
            action="read sessions"
            error={sessions.error}
            onRetry={sessions.retry}
          />
        )}
        {value && value.items.length === 0 && (
          <Typography>
            {query.activeOnly ? 'No active sessions.' : 'No sessions.'}
          </Typography>
        )}
        {value && value.items.length > 0 && (
          <SessionTable
            sessions={value.items}
            total={value.total}
            query={query}
            onQueryChange={setQuery}
            mayRevoke={mayRevoke}
            onRevoke={session =>
              setPending({ kind: 'revoke', session, open: true })
            }
          />
        )}
      </WidgetBoundary>

      <ConfirmDialog
        open={isOpen('revoke')}
        title="Revoke this session?"
        description={
          revoking && (
            <>
              The session of {revoking.userRef} from{' '}
              {revoking.userAgent ?? 'an unknown browser'} at{' '}
              {revoking.ipAddress ?? 'an unknown address'} ends: its next
              request is refused and it must sign in again.
            </>
          )
        }
        reason={AUDIT_REASON}
        confirmLabel="Revoke session"
        destructive
        renderError={error => (
          <ErrorNotice
            what="revoke session"
            action="revoke this session"
            error={error}
          />
        )}
        onClose={close}
        onConfirm={async reason => {
          await api.revokeSession({ id: revoking!.id, reason });
          setNotice(`Revoked a session of ${revoking!.userRef}.`);
          keepFocus();
          sessions.retry();
        }}
      />
      <ConfirmDialog
        open={isOpen('me')}
        title="Log out everywhere?"
        description="Every one of your sessions is revoked, including this one, and every token issued to you so far is refused. You will need to sign in again."
        confirmLabel="Log me out everywhere"
        destructive
        renderError={error => (
          <ErrorNotice what="log me out everywhere" error={error} />
        )}
        onClose={close}
        onConfirm={async () => {
          await api.revokeMySessions();
          setSignedOut(true);
        }}
      />
      <ConfirmDialog
        open={isOpen('user')}
        title={`Log ${otherUser ?? ''} out everywhere?`}
        description={`Every session of ${
          otherUser ?? ''
        } is revoked and every token issued to them so far is refused. They can sign in again unless they are disabled.`}
        reason={AUDIT_REASON}
        confirmLabel="Log out everywhere"
        destructive
        renderError={error => (
          <ErrorNotice
            what="log out everywhere"
            action="revoke other users' sessions"
            error={error}
          />
        )}
        onClose={close}
        onConfirm={async reason => {
          const id = await userIdOf(api, otherUser!);
          const { revoked } = await api.revokeUserSessions({ id, reason });
          setNotice(
            `Logged ${otherUser} out everywhere (${revoked} ${
              revoked === 1 ? 'session' : 'sessions'
            }).`,
          );
          keepFocus();
          sessions.retry();
        }}
      />
    </div>
  );
}
