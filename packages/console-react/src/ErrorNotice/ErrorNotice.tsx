import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import BlockIcon from '@material-ui/icons/Block';
import CloudOffIcon from '@material-ui/icons/CloudOff';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import LockIcon from '@material-ui/icons/Lock';
import {
  describeError,
  errorMessage,
  ErrorWording,
  statusOf,
} from './describeError';
import { SignInAgainButton } from './SignInAgainButton';

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

export type ErrorNoticeProps = {
  /** What failed, completing "Could not …": "load the users". */
  what: string;
  error: Error;
  /** Completes "You may not …" for a 403: "list users". */
  action?: string;
  /** Offers Retry, unless the failure is one a retry cannot mend (401, 403). */
  onRetry?: () => void;
  /** The plugin's words for a 503 and a 403. */
  wording?: ErrorWording;
};

/**
 * Says what failed and why, as an alert. A refused sign-in (401) shows the
 * backend's reason, Sign in again, and Retry for after signing in; a 403
 * says what the reader may not do and offers no Retry; anything else offers
 * Retry when `onRetry` is given.
 */
export function ErrorNotice(props: ErrorNoticeProps) {
  const { what, error, action, onRetry, wording } = props;
  const classes = useStyles();
  const status = statusOf(error);
  if (status === 401) {
    // Sign in again here signs out (any app); an app with a session banner
    // (the console's own) signs in again in a popup instead, after which this
    // page's Retry loads it without a reload
    return (
      <div role="alert" className={`${classes.root} ${classes.signIn}`}>
        <LockIcon aria-hidden className={classes.icon} />
        <Box flex={1}>
          <Typography variant="subtitle1" component="p">
            Could not {what}: you need to sign in again
          </Typography>
          <Typography variant="body1">{errorMessage(error)}</Typography>
        </Box>
        <SignInAgainButton />
        {onRetry && (
          <Button variant="outlined" size="small" onClick={onRetry}>
            Retry
          </Button>
        )}
      </div>
    );
  }
  if (status === 403) {
    return (
      <div role="alert" className={classes.root}>
        <BlockIcon aria-hidden className={classes.icon} />
        <Box flex={1}>
          <Typography variant="subtitle1" component="p">
            You may not {action ?? 'do this'}
          </Typography>
          <Typography variant="body2">
            {[wording?.forbidden, errorMessage(error)]
              .filter(Boolean)
              .join(' ')}
          </Typography>
        </Box>
      </div>
    );
  }
  const Icon = status === 503 ? CloudOffIcon : ErrorOutlineIcon;
  return (
    <div role="alert" className={classes.root}>
      <Icon aria-hidden className={classes.icon} />
      <Box flex={1}>
        <Typography variant="subtitle1" component="p">
          Could not {what}
        </Typography>
        <Typography variant="body2">
          {describeError(error, { ...wording, action })}
        </Typography>
      </Box>
      {onRetry && (
        <Button variant="outlined" size="small" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}
