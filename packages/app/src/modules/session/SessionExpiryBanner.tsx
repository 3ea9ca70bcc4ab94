import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { Button, makeStyles, Typography } from '@material-ui/core';
import LockIcon from '@material-ui/icons/Lock';
import { useRef, useState, useSyncExternalStore } from 'react';
import { oidcAuthApiRef } from '../auth';
import { sessionExpiryApiRef } from './SessionExpiryStore';
import { signInAgain } from './signInAgain';

const useStyles = makeStyles(theme => ({
  banner: {
    position: 'fixed',
    top: theme.spacing(1),
    left: '50%',
    transform: 'translateX(-50%)',
    zIndex: theme.zIndex.snackbar,
    width: `min(720px, calc(100vw - ${theme.spacing(2)}px))`,
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'center',
    padding: theme.spacing(1.5, 2),
    backgroundColor: theme.palette.background.paper,
    color: theme.palette.text.primary,
    border: `2px solid ${theme.palette.warning.dark}`,
    borderRadius: theme.shape.borderRadius,
    boxShadow: theme.shadows[6],
  },
  icon: { color: theme.palette.warning.dark, flexShrink: 0 },
  text: { flex: 1, minWidth: 0, overflowWrap: 'anywhere' },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
}));

/**
 * Says that the backend no longer accepts the session, and why, with a Sign
 * in again button that opens the identity provider's window without leaving
 * the page. Non-modal: it takes no focus and hides nothing; the page's own
 * error states (and their Retry buttons) stay usable. It is a `role="alert"`
 * that appears once per reason: more refused requests for the same reason do
 * not change it, so it is not announced again. The reason is plain text.
 */
export function SessionExpiryBanner(props: { reload?: () => void }) {
  const store = useApi(sessionExpiryApiRef);
  const oidcAuthApi = useApi(oidcAuthApiRef);
  const identityApi = useApi(coreApis.identity);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const classes = useStyles();
  const [notice, setNotice] = useState('');
  // where keyboard focus was before it came to the button, to return it there
  const returnFocusTo = useRef<HTMLElement | null>(null);

  const busy = state.status === 'signing-in';

  const onSignInAgain = async () => {
    if (busy) return;
    setNotice('');
    const outcome = await signInAgain({
      store,
      oidcAuthApi,
      identityApi,
      reload: props.reload,
    });
    if (outcome === 'signed-in') {
      setNotice('You are signed in again. Retry what failed.');
      const target = returnFocusTo.current;
      if (target?.isConnected) target.focus();
    }
  };

  return (
    <>
      <div role="status" className={classes.visuallyHidden}>
        {notice}
      </div>
      {state.status !== 'active' && (
        <div role="alert" className={classes.banner}>
          <LockIcon aria-hidden className={classes.icon} />
          <div className={classes.text}>
            <Typography variant="body1" component="p">
              Your session has ended: {state.reason}
            </Typography>
            {state.status === 'signing-in' && (
              <Typography variant="body2" component="p">
                Finish signing in in the window that opened.
              </Typography>
            )}
            {state.status === 'ended' && state.signInError && (
              <Typography variant="body2" component="p" color="error">
                Signing in again did not work: {state.signInError}
              </Typography>
            )}
          </div>
          <Button
            variant="contained"
            color="primary"
            size="small"
            aria-disabled={busy}
            onClick={onSignInAgain}
            onFocus={event => {
              const from = event.relatedTarget;
              if (from instanceof HTMLElement) returnFocusTo.current = from;
            }}
          >
            Sign in again
          </Button>
        </div>
      )}
    </>
  );
}
