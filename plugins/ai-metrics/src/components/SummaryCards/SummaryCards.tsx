import { RouterLink, useApi } from '@backstage/frontend-plugin-api';
import {
  AiMetricsModel,
  AiMetricsSeriesKey,
  AiMetricsSummary,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  Box,
  Card,
  CardContent,
  LinearProgress,
  Link,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { useId } from 'react';
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
import { useLinks } from '../../hooks/useLinks';
import { keyLabel } from '../../labels';
import { ErrorRateBadge } from '../ErrorRateBadge';
import { LoadError } from '../LoadError';

/** The backend compares at most this many models in one request. */
export const MAX_CARDS = 50;

const useStyles = makeStyles(theme => ({
  grid: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
    gap: theme.spacing(2),
  },
  card: { height: '100%' },
  title: { wordBreak: 'break-word' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  links: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
}));

function SummaryFacts(props: { summary: AiMetricsSummary }) {
  const { summary } = props;
  const classes = useStyles();
  const tokens = summary.inputTokens + summary.outputTokens;
  return (
    <dl className={classes.facts}>
      <dt>Requests</dt>
      <dd>{formatCount(summary.requests)}</dd>
      <dt>p95 latency</dt>
      <dd>{formatMs(summary.latencyMs.p95)}</dd>
      <dt>Error rate</dt>
      <dd>
        <ErrorRateBadge rate={summary.errorRate} />
      </dd>
      <dt>Tokens</dt>
      <dd>
        {formatTokens(tokens)}
        {tokens > 0 && (
          <Typography variant="body2" color="textSecondary" component="span">
            {' '}
            ({formatCount(summary.inputTokens)} in,{' '}
            {formatCount(summary.outputTokens)} out)
          </Typography>
        )}
      </dd>
      <dt>Cost</dt>
      <dd>{formatUsd(summary.costUsd)}</dd>
      <dt>Accuracy</dt>
      <dd>
        {summary.accuracy === null ? (
          'Not scored'
        ) : (
          <>
            {formatPercent(summary.accuracy)}
            <Typography variant="body2" color="textSecondary" component="span">
              {' '}
              (of {formatCount(summary.scoredEvents)} scored)
            </Typography>
          </>
        )}
      </dd>
    </dl>
  );
}

function SummaryCard(props: {
  item: AiMetricsSeriesKey & { summary: AiMetricsSummary };
  versions: string[];
  /** Whether this is the only card, so that "Show only" has nothing to hide. */
  alone: boolean;
}) {
  const { item, versions, alone } = props;
  const classes = useStyles();
  const id = useId();
  const links = useLinks();
  const label = keyLabel(item);
  const showOnly =
    !alone &&
    links.dashboard({
      models: [item.model],
      versions: item.version ? [item.version] : [],
    });
  const compareVersions =
    item.version === undefined &&
    versions.length >= 2 &&
    links.compare(
      { models: [item.model], versions: versions.slice(0, MAX_CARDS) },
      'versions',
    );
  return (
    <Card component="article" aria-labelledby={id} className={classes.card}>
      <CardContent>
        <Typography
          id={id}
          variant="h6"
          component="h3"
          className={classes.title}
        >
          {label}
        </Typography>
        {item.summary.requests === 0 && (
          <Typography variant="body2" color="textSecondary">
            No calls in this range
          </Typography>
        )}
        <SummaryFacts summary={item.summary} />
        <Box className={classes.links}>
          {showOnly && (
            <Link
              component={RouterLink}
              href={showOnly}
              aria-label={`Show only ${label}`}
            >
              Show only
            </Link>
          )}
          {compareVersions && (
            <Link
              component={RouterLink}
              href={compareVersions}
              aria-label={`Compare versions of ${item.model}`}
            >
              Compare versions
            </Link>
          )}
          {links.evaluations && (
            <Link
              component={RouterLink}
              href={links.evaluations}
              aria-label={`Evaluation workflows (${label})`}
            >
              Evaluation workflows
            </Link>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}

/**
 * One card per model (or per version of the filtered model) with its
 * requests, p95 latency, error rate, tokens, cost and accuracy over the range.
 */
export function SummaryCards(props: {
  timeWindow: MetricsWindow;
  /** Models to show; empty shows every listed model. */
  models: string[];
  /** Versions of the one filtered model. */
  versions: string[];
  /** The listed models, for their versions and when no model is filtered. */
  known: AiMetricsModel[];
}) {
  const { timeWindow, versions, known } = props;
  const classes = useStyles();
  const api = useApi(aiMetricsApiRef);
  const filtered = props.models.length > 0;
  const all = filtered ? props.models : known.map(m => m.model);
  const models = all.slice(0, MAX_CARDS);
  const key = JSON.stringify([models, versions]);

  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.compare({
        from: timeWindow.from,
        to: timeWindow.to,
        models,
        versions: versions.length ? versions : undefined,
      }),
    // the lists are compared by value
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, timeWindow, key],
  );

  if (error) {
    return <LoadError what="the summaries" error={error} onRetry={retry} />;
  }
  if (!value) {
    return <LinearProgress aria-label="Loading summaries" />;
  }
  return (
    <>
      {loading && <LinearProgress aria-label="Updating summaries" />}
      {all.length > models.length && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Showing the first {MAX_CARDS} of {all.length} models; filter by model
          to see the others.
        </Typography>
      )}
      <ul className={classes.grid} aria-label="Summary per model">
        {value.items.map(item => (
          <li key={`${item.model}\u0000${item.version ?? ''}`}>
            <SummaryCard
              item={item}
              alone={value.items.length === 1}
              versions={known.find(m => m.model === item.model)?.versions ?? []}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
