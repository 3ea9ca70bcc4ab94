import { RouterLink, useApi } from '@backstage/frontend-plugin-api';
import {
  AiMetricsSummary,
  AiMetricsTopBy,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  Box,
  LinearProgress,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiMetricsApiRef } from '../../api';
import { formatCount, formatMs, formatUsd } from '../../format';
import { MetricsWindow } from '../../hooks/metricsParams';
import { useLinks } from '../../hooks/useLinks';
import { ErrorRateBadge } from '../ErrorRateBadge';
import { LoadError } from '../LoadError';

const RANKINGS: Array<{
  by: AiMetricsTopBy;
  label: string;
  format(summary: AiMetricsSummary): string;
}> = [
  { by: 'cost', label: 'Cost', format: s => formatUsd(s.costUsd) },
  {
    by: 'latencyP95',
    label: 'p95 latency',
    format: s => formatMs(s.latencyMs.p95),
  },
  { by: 'errors', label: 'Errors', format: s => formatCount(s.errors) },
  { by: 'requests', label: 'Requests', format: s => formatCount(s.requests) },
];

const LIMIT = 10;

/** The models with the highest cost, p95 latency, errors or requests in the range. */
export function TopModels(props: { timeWindow: MetricsWindow }) {
  const { timeWindow } = props;
  const api = useApi(aiMetricsApiRef);
  const links = useLinks();
  const [by, setBy] = useState<AiMetricsTopBy>('cost');
  const ranking = RANKINGS.find(r => r.by === by)!;

  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.getTop({
        from: timeWindow.from,
        to: timeWindow.to,
        by,
        limit: LIMIT,
      }),
    [api, timeWindow, by],
  );

  const picker = (
    <TextField
      select
      id="ai-metrics-top-by"
      size="small"
      label="Rank by"
      value={by}
      onChange={e => setBy(e.target.value as AiMetricsTopBy)}
      SelectProps={{ native: true }}
    >
      {RANKINGS.map(r => (
        <option key={r.by} value={r.by}>
          {r.label}
        </option>
      ))}
    </TextField>
  );

  let body;
  if (error) {
    body = <LoadError what="the top models" error={error} onRetry={retry} />;
  } else if (!value) {
    body = <LinearProgress aria-label="Loading top models" />;
  } else if (!value.items.length) {
    body = <Typography>No calls in this range.</Typography>;
  } else {
    body = (
      <>
        {loading && <LinearProgress aria-label="Updating top models" />}
        <Table size="small">
          <caption style={{ captionSide: 'top', textAlign: 'left' }}>
            Top {LIMIT} models by {ranking.label.toLocaleLowerCase('en-US')},{' '}
            {timeWindow.label.replace(/^Last/, 'last')}
          </caption>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Rank
              </TableCell>
              <TableCell component="th" scope="col">
                Model
              </TableCell>
              <TableCell component="th" scope="col" align="right">
                {ranking.label}
              </TableCell>
              {by !== 'requests' && (
                <TableCell component="th" scope="col" align="right">
                  Requests
                </TableCell>
              )}
              <TableCell component="th" scope="col">
                Error rate
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map((item, index) => {
              const href = links.dashboard({ models: [item.model] });
              return (
                <TableRow key={item.model}>
                  <TableCell>{index + 1}</TableCell>
                  <TableCell component="th" scope="row" role="rowheader">
                    {href ? (
                      <Link component={RouterLink} href={href}>
                        {item.model}
                      </Link>
                    ) : (
                      item.model
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {ranking.format(item.summary)}
                  </TableCell>
                  {by !== 'requests' && (
                    <TableCell align="right">
                      {formatCount(item.summary.requests)}
                    </TableCell>
                  )}
                  <TableCell>
                    <ErrorRateBadge rate={item.summary.errorRate} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </>
    );
  }

  return (
    <>
      <Box mb={2}>{picker}</Box>
      {body}
    </>
  );
}
