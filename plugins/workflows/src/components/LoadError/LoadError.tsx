import { ResponseError } from '@backstage/errors';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
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

/** Whether an error says Temporal (or the backend) is unavailable. */
export const isUnavailable = (error: Error) =>
  error instanceof ResponseError && error.statusCode === 503;

/** What a failed request means for the person looking at the page. */
export function describeError(error: Error): string {
  const message =
    error instanceof ResponseError
      ? error.body?.error?.message ?? error.message
      : error.message;
  if (error instanceof ResponseError) {
    switch (error.statusCode) {
      case 503:
        return `Temporal is unavailable right now, so workflow data cannot be read or changed. ${message}`;
      case 403:
        return `You do not have permission for this. ${message}`;
      case 404:
        return `It does not exist or no longer exists. ${message}`;
      default:
        return message;
    }
  }
  return message;
}

/** Says what failed and why, with a Retry button when a retry can help. */
export function LoadError(props: {
  /** What could not be loaded, e.g. "the execution list". */
  what: string;
  error: Error;
  onRetry?: () => void;
}) {
  const { what, error, onRetry } = props;
  const classes = useStyles();
  return (
    <div role="alert" className={classes.root}>
      <ErrorOutlineIcon aria-hidden className={classes.icon} />
      <Box flex={1}>
        <Typography variant="subtitle1" component="p">
          Could not load {what}
        </Typography>
        <Typography variant="body2">{describeError(error)}</Typography>
      </Box>
      {onRetry && (
        <Button variant="outlined" size="small" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}
