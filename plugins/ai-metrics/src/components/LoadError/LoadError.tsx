import { ResponseError } from '@backstage/errors';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import BlockIcon from '@material-ui/icons/Block';
import CloudOffIcon from '@material-ui/icons/CloudOff';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    padding: theme.spacing(2),
    border: `1px solid ${theme.palette.error.main}`,
    borderRadius: theme.shape.borderRadius,
  },
  icon: { color: theme.palette.error.main, marginTop: 2 },
}));

const statusOf = (error: Error) =>
  error instanceof ResponseError ? error.statusCode : undefined;

/** The backend's own message, without the status line ResponseError adds. */
export function messageOf(error: Error): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message ?? error.message;
  }
  return error.message;
}

/** What a failed request means for the reader: a title and what to do. */
export function describeError(
  error: Error,
  what: string,
): { title: string; detail: string; canRetry: boolean } {
  const message = messageOf(error);
  switch (statusOf(error)) {
    case 403:
      return {
        title: 'You may not read these metrics',
        detail: `Reading model metrics needs the ai-metrics.model.read permission, or ownership of the model in the catalog. Ask an administrator for access. (${message})`,
        canRetry: false,
      };
    case 401:
      return {
        title: 'You are not signed in',
        detail: `Sign in again to read these metrics. (${message})`,
        canRetry: false,
      };
    case 503:
      return {
        title: 'The AI Metrics service is unavailable',
        detail: `Could not load ${what} because the service or its database is unavailable right now. Try again in a moment. (${message})`,
        canRetry: true,
      };
    default:
      return {
        title: `Could not load ${what}`,
        detail: message,
        canRetry: true,
      };
  }
}

/** Whether an error says the reader lacks the permission. */
export const isForbidden = (error: Error) => statusOf(error) === 403;

/** Says what failed and why, with a Retry button when a retry can help. */
export function LoadError(props: {
  /** What could not be loaded, e.g. "the charts". */
  what: string;
  error: Error;
  onRetry?: () => void;
}) {
  const { what, error, onRetry } = props;
  const classes = useStyles();
  const { title, detail, canRetry } = describeError(error, what);
  const status = statusOf(error);
  let icon = <ErrorOutlineIcon aria-hidden className={classes.icon} />;
  if (status === 403 || status === 401) {
    icon = <BlockIcon aria-hidden className={classes.icon} />;
  } else if (status === 503) {
    icon = <CloudOffIcon aria-hidden className={classes.icon} />;
  }
  return (
    <div role="alert" className={classes.root}>
      {icon}
      <Box flex={1}>
        <Typography variant="subtitle1" component="p">
          {title}
        </Typography>
        <Typography variant="body2">{detail}</Typography>
      </Box>
      {onRetry && canRetry && (
        <Button variant="outlined" size="small" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}
