import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { workflowsApiRef } from '../../api';
import { LoadError } from '../LoadError';

const useStyles = makeStyles(theme => ({
  banner: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    padding: theme.spacing(2),
    border: `1px solid ${theme.palette.warning.main}`,
    borderRadius: theme.shape.borderRadius,
  },
  icon: { color: theme.palette.warning.dark },
}));

/**
 * Says when Temporal cannot be reached (or the backend cannot), with a way to
 * check again. Shows nothing while all is well.
 */
export function HealthBanner() {
  const api = useApi(workflowsApiRef);
  const classes = useStyles();
  const { value, error, retry } = useAsyncRetry(() => api.getHealth(), [api]);

  if (error) {
    return (
      <LoadError
        what="the workflows backend status"
        error={error}
        onRetry={retry}
      />
    );
  }
  if (!value || value.temporal.reachable) return null;
  const { temporal } = value;
  return (
    <div className={classes.banner} role="status">
      <WarningIcon aria-hidden className={classes.icon} />
      <Box flex={1}>
        <Typography variant="subtitle1" component="p">
          Temporal is unreachable
        </Typography>
        <Typography variant="body2">
          Workflows cannot be listed, started or changed until the console
          reaches Temporal at {temporal.address} (namespace {temporal.namespace}
          ).
        </Typography>
        {temporal.message && (
          <Typography variant="body2" color="textSecondary">
            {temporal.message}
          </Typography>
        )}
      </Box>
      <Button variant="outlined" size="small" onClick={retry}>
        Check again
      </Button>
    </div>
  );
}
