import { identityApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import LockIcon from '@material-ui/icons/Lock';
import { useState } from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    padding: theme.spacing(2),
    border: `1px solid ${theme.palette.error.main}`,
    borderRadius: theme.shape.borderRadius,
  },
  signIn: {
    borderWidth: 2,
    borderColor: theme.palette.warning.dark,
  },
  icon: { color: theme.palette.error.main, marginTop: 2 },
}));

/** The HTTP status of a failed request, if it was one. */
export function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** The server's own words for a failure, or the error's message. */
export function errorMessage(error: Error): string {
  if (ResponseError.is(error)) {
    return error.body?.error?.message || error.cause?.message || error.message;
  }
  return error.message;
}

/**
 * What a failure means for the person looking at the page. `action` completes
 * "You may not …", e.g. "list users".
 */
export function describeError(error: Error, action?: string): string {
  const message = errorMessage(error);
  switch (statusOf(error)) {
    case 401:
      return `Your sign-in is no longer accepted: ${message}`;
    case 403:
      return `You may not ${action ?? 'do this'}. ${message}`;
    case 404:
      return `It does not exist or no longer exists. ${message}`;
    case 503:
      return `The user admin service is unavailable right now. ${message}`;
    default:
      return message;
  }
}

/** Ends the session the backend refuses: the identity API signs out and reloads. */
export function SignInAgainButton() {
  const apis = useApiHolder();
  const [busy, setBusy] = useState(false);
  const signInAgain = async () => {
    setBusy(true);
    const identity = apis.get(identityApiRef);
    try {
      if (identity) {
        await identity.signOut();
        return;
      }
    } catch {
      // signing out failed: a reload still brings the sign-in page
    }
    window.location.reload();
  };
  return (
    <Button
      variant="contained"
      color="primary"
      size="small"
      onClick={signInAgain}
      disabled={busy}
    >
      Sign in again
    </Button>
  );
}

/**
 * Says what failed and why, with Retry when a retry can help; a refused
 * sign-in (401) shows the backend's reason and a Sign in again action instead.
 */
export function ErrorNotice(props: {
  /** What failed, completing "Could not …": "load the users". */
  what: string;
  error: Error;
  /** Completes "You may not …" for a 403: "list users". */
  action?: string;
  onRetry?: () => void;
}) {
  const { what, error, action, onRetry } = props;
  const classes = useStyles();
  const status = statusOf(error);
  if (status === 401) {
    return (
      <div role="alert" className={`${classes.root} ${classes.signIn}`}>
        <LockIcon aria-hidden className={classes.icon} />
        <Box flex={1}>
          <Typography variant="subtitle1" component="p">
            You need to sign in again
          </Typography>
          <Typography variant="body1">{errorMessage(error)}</Typography>
        </Box>
        <SignInAgainButton />
      </div>
    );
  }
  return (
    <div role="alert" className={classes.root}>
      <ErrorOutlineIcon aria-hidden className={classes.icon} />
      <Box flex={1}>
        <Typography variant="subtitle1" component="p">
          {status === 403
            ? `You may not ${action ?? 'do this'}`
            : `Could not ${what}`}
        </Typography>
        <Typography variant="body2">
          {status === 403 ? errorMessage(error) : describeError(error, action)}
        </Typography>
      </Box>
      {onRetry && status !== 403 && (
        <Button variant="outlined" size="small" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}
