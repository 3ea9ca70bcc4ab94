import { discoveryApiRef, useApiHolder } from '@backstage/frontend-plugin-api';
import { Box, Link, makeStyles, Typography } from '@material-ui/core';
import ShowChartIcon from '@material-ui/icons/ShowChart';
import useAsync from 'react-use/esm/useAsync';

export const EMPTY_TITLE =
  'No model metrics yet: send events to POST /api/ai-metrics/events';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    gap: theme.spacing(2),
    padding: theme.spacing(3),
    border: `1px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  icon: { fontSize: 48, color: theme.palette.text.secondary },
}));

/** Says that nothing was ingested yet, and where the event format is described. */
export function EmptyMetrics() {
  const classes = useStyles();
  const discovery = useApiHolder().get(discoveryApiRef);
  const { value: baseUrl } = useAsync(
    async () => discovery?.getBaseUrl('ai-metrics'),
    [discovery],
  );
  return (
    <section className={classes.root} aria-labelledby="ai-metrics-empty">
      <ShowChartIcon aria-hidden className={classes.icon} />
      <Box>
        <Typography id="ai-metrics-empty" variant="h5" component="h2" paragraph>
          {EMPTY_TITLE}
        </Typography>
        <Typography paragraph>
          Producers (the console&apos;s workflows, or any service with a service
          token) send batches of model calls: model, version, latency, tokens,
          cost, success and an optional score. Latency, error rate, tokens, cost
          and accuracy are charted here as soon as the first batch is stored.
        </Typography>
        <Typography>
          The event format is described under &quot;Sending events&quot; in the
          ai-metrics backend README (plugins/ai-metrics-backend/README.md) and
          in the{' '}
          {baseUrl ? (
            <Link href={`${baseUrl}/openapi.json`}>
              OpenAPI document of the ai-metrics API
            </Link>
          ) : (
            'OpenAPI document at /api/ai-metrics/openapi.json'
          )}
          .
        </Typography>
      </Box>
    </section>
  );
}
