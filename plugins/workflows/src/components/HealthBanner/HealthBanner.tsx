import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { useEffect, useRef } from 'react';
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

/** How often the status is checked while all is well, and while it is not. */
export const HEALTH_POLL_MS = { ok: 10_000, unavailable: 3_000 };

/**
 * Says when Temporal cannot be reached (or the backend cannot), or when its
 * namespace is not set up for the console yet, with a way to check again. Shows nothing while all is well. Checks again on its own —
 * every few seconds while something is wrong — and calls `onRecovered` once
 * Temporal answers again, so that the page can load what it missed.
 */
export function HealthBanner(props: { onRecovered?: () => void }) {
  const api = useApi(workflowsApiRef);
  const classes = useStyles();
  const { value, error, loading, retry } = useAsyncRetry(
    () => api.getHealth(),
    [api],
  );
  const healthy = !error && (value?.status ?? 'ok') === 'ok';

  useEffect(() => {
    if (loading) return undefined;
    const timer = setTimeout(
      retry,
      healthy ? HEALTH_POLL_MS.ok : HEALTH_POLL_MS.unavailable,
    );
    return () => clearTimeout(timer);
  }, [loading, healthy, retry]);

  const wasDown = useRef(false);
  const onRecovered = useRef(props.onRecovered);
  onRecovered.current = props.onRecovered;
  useEffect(() => {
    if (loading || !value) return;
    if (!healthy) wasDown.current = true;
    else if (wasDown.current) {
      wasDown.current = false;
      onRecovered.current?.();
    }
  }, [loading, value, healthy]);

  if (error) {
    return (
      <LoadError
        what="the workflows backend status"
        error={error}
        onRetry={retry}
      />
    );
  }
  if (!value || value.status === 'ok') return null;
  const { temporal } = value;
  // reachable but not ok: the namespace lacks what the console needs, and
  // the message says what an operator runs
  return (
    <div className={classes.banner} role="status">
      <WarningIcon aria-hidden className={classes.icon} />
      <Box flex={1}>
        <Typography variant="subtitle1" component="p">
          {temporal.reachable
            ? 'Temporal is not set up for the console'
            : 'Temporal is unreachable'}
        </Typography>
        <Typography variant="body2">
          {temporal.reachable
            ? `Workflows cannot be listed, started or changed until an administrator completes the one-time setup of namespace ${temporal.namespace}.`
            : `Workflows cannot be listed, started or changed until the console reaches Temporal (namespace ${temporal.namespace}). Your administrator finds the reason in the backend's log.`}
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
