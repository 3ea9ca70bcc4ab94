import { useApi } from '@backstage/frontend-plugin-api';
import { AiMetricsSummary } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  Box,
  LinearProgress,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiMetricsApiRef } from '../../api';
import {
  formatCount,
  formatMs,
  formatPercent,
  formatTokens,
  formatUsd,
} from '../../format';
import { MetricsWindow } from '../../hooks/metricsParams';
import { keyLabel } from '../../labels';
import { ErrorRateBadge } from '../ErrorRateBadge';
import { LoadError } from '../LoadError';

/** The rows of the comparison: every figure of a summary, with its unit. */
const ROWS: Array<{ label: string; value(s: AiMetricsSummary): ReactNode }> = [
  { label: 'Requests', value: s => formatCount(s.requests) },
  { label: 'Errors', value: s => formatCount(s.errors) },
  { label: 'Error rate', value: s => <ErrorRateBadge rate={s.errorRate} /> },
  { label: 'p50 latency', value: s => formatMs(s.latencyMs.p50) },
  { label: 'p95 latency', value: s => formatMs(s.latencyMs.p95) },
  { label: 'p99 latency', value: s => formatMs(s.latencyMs.p99) },
  { label: 'Mean latency', value: s => formatMs(s.latencyMs.mean) },
  { label: 'Input tokens', value: s => formatTokens(s.inputTokens) },
  { label: 'Output tokens', value: s => formatTokens(s.outputTokens) },
  { label: 'Cost', value: s => formatUsd(s.costUsd) },
  {
    label: 'Accuracy',
    value: s =>
      s.accuracy === null ? 'Not scored' : formatPercent(s.accuracy),
  },
  { label: 'Scored calls', value: s => formatCount(s.scoredEvents) },
];

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  caption: {
    captionSide: 'top',
    textAlign: 'left',
    color: theme.palette.text.secondary,
  },
  name: { wordBreak: 'break-word', verticalAlign: 'bottom' },
}));

/**
 * The models (or versions of one model) side by side over the range: one
 * column each, one row per figure.
 */
export function CompareTable(props: {
  timeWindow: MetricsWindow;
  models: string[];
  /** Versions of the one model, compared instead of models. */
  versions?: string[];
  caption: string;
}) {
  const { timeWindow, models, versions, caption } = props;
  const classes = useStyles();
  const api = useApi(aiMetricsApiRef);
  const key = JSON.stringify([models, versions]);
  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.compare({
        from: timeWindow.from,
        to: timeWindow.to,
        models,
        versions: versions?.length ? versions : undefined,
      }),
    // the lists are compared by value
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, timeWindow, key],
  );

  if (error) {
    return <LoadError what="the comparison" error={error} onRetry={retry} />;
  }
  if (!value) {
    return <LinearProgress aria-label="Loading comparison" />;
  }
  const byVersion = Boolean(versions?.length);
  return (
    <>
      {loading && <LinearProgress aria-label="Updating comparison" />}
      <Box
        className={classes.scroll}
        tabIndex={0}
        role="region"
        aria-label={caption}
      >
        <Table size="small">
          <caption className={classes.caption}>{caption}</caption>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Measure
              </TableCell>
              {value.items.map(item => (
                <TableCell
                  key={`${item.model}\u0000${item.version ?? ''}`}
                  component="th"
                  scope="col"
                  className={classes.name}
                >
                  {keyLabel(item, { versionOnly: byVersion })}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {ROWS.map(row => (
              <TableRow key={row.label}>
                <TableCell component="th" scope="row" role="rowheader">
                  {row.label}
                </TableCell>
                {value.items.map(item => (
                  <TableCell key={`${item.model}\u0000${item.version ?? ''}`}>
                    {row.value(item.summary)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </>
  );
}
