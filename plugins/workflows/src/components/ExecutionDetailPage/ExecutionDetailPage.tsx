import { FormattedTime, WidgetBoundary } from '@ai-ops-console/console-react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { WorkflowExecutionDetail } from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  Box,
  Card,
  CardContent,
  Grid,
  LinearProgress,
  Link,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { ReactNode, useId } from 'react';
import { useExecutionDetail } from '../../hooks/useExecutionDetail';
import { aiMetricsRouteRef, rootRouteRef } from '../../routes';
import { ExecutionActions } from '../ExecutionActions';
import { ExecutionHistory } from '../ExecutionHistory';
import { ExecutionProgress } from '../ExecutionProgress';
import { ExecutionQueries } from '../ExecutionQueries';
import { JsonView } from '../JsonView';
import { LiveRegion } from '../LiveRegion';
import { describeError, LoadError } from '../LoadError';
import { PendingActivities } from '../PendingActivities';
import { StatusChip } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, wordBreak: 'break-all' },
  },
  title: { wordBreak: 'break-all' },
}));

/** A titled card; its heading names the region. */
function Section(props: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card component="section" aria-labelledby={id}>
      <CardContent>
        <Typography id={id} variant="h6" component="h3" gutterBottom>
          {props.title}
        </Typography>
        <WidgetBoundary what={props.title.toLocaleLowerCase('en-US')}>
          {props.children}
        </WidgetBoundary>
      </CardContent>
    </Card>
  );
}

function Facts(props: { detail: WorkflowExecutionDetail }) {
  const { detail } = props;
  const classes = useStyles();
  return (
    <dl className={classes.facts}>
      <dt>Status</dt>
      <dd>
        <StatusChip status={detail.status} />
      </dd>
      <dt>Type</dt>
      <dd>{detail.type}</dd>
      <dt>Started by</dt>
      <dd>{detail.startedBy ?? 'Not started from the console'}</dd>
      <dt>Started</dt>
      <dd>
        <FormattedTime value={detail.startTime} />
      </dd>
      <dt>Closed</dt>
      <dd>
        <FormattedTime value={detail.closeTime} empty="Still running" />
      </dd>
      <dt>Run ID</dt>
      <dd>{detail.runId}</dd>
      <dt>Task queue</dt>
      <dd>{detail.taskQueue}</dd>
      {detail.historyLength !== undefined && (
        <>
          <dt>History events</dt>
          <dd>{detail.historyLength}</dd>
        </>
      )}
      {detail.failure && (
        <>
          <dt>Failure</dt>
          <dd>
            {detail.failure.type ? `${detail.failure.type}: ` : ''}
            {detail.failure.message}
          </dd>
        </>
      )}
    </dl>
  );
}

/**
 * One execution: status and facts, actions, progress, queries, input and
 * result, pending activities and the event history. Pushed changes of this
 * execution update it, and a polite live region says when its status moves.
 */
export function ExecutionDetailPage(props: { workflowId: string }) {
  const { workflowId } = props;
  const classes = useStyles();
  const rootLink = useRouteRef(rootRouteRef);
  const {
    detail,
    error,
    loading,
    announcement,
    live,
    retry,
    refresh,
    announce,
  } = useExecutionDetail(workflowId);

  const back = rootLink && (
    <Link component={RouterLink} href={rootLink()}>
      <Box
        component="span"
        display="inline-flex"
        alignItems="center"
        gridGap={4}
      >
        <ArrowBackIcon fontSize="small" aria-hidden />
        All executions
      </Box>
    </Link>
  );

  let body: ReactNode;
  if (!detail && loading) {
    body = <LinearProgress aria-label="Loading execution" />;
  } else if (!detail && error) {
    const notFound = error instanceof ResponseError && error.statusCode === 404;
    body = (
      <LoadError
        what={
          notFound ? `an execution with ID ${workflowId}` : 'this execution'
        }
        error={error}
        onRetry={notFound ? undefined : retry}
      />
    );
  } else if (detail) {
    const refreshKey = `${detail.runId}:${detail.status}`;
    const hasProgress =
      detail.status === 'Running' &&
      detail.queries.some(q => q.name === 'progress');
    body = (
      <Grid container spacing={2}>
        {error && (
          <Grid item xs={12}>
            <Typography color="error" role="status">
              Could not refresh this execution: {describeError(error)}
            </Typography>
          </Grid>
        )}
        <Grid item xs={12} md={6}>
          <Section title="Summary">
            <Facts detail={detail} />
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Box display="flex" flexDirection="column" gridGap={16}>
            <Section title="Actions">
              <ExecutionActions
                detail={detail}
                onDone={message => {
                  announce(message);
                  refresh();
                }}
              />
            </Section>
            {hasProgress && (
              <Section title="Progress">
                <ExecutionProgress
                  workflowId={workflowId}
                  refreshKey={refreshKey}
                />
              </Section>
            )}
            <Section title="Queries">
              <ExecutionQueries
                workflowId={workflowId}
                queries={detail.queries}
              />
            </Section>
          </Box>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section title="Input">
            <JsonView value={detail.input} label="Input" />
            <MetricsLink detail={detail} />
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section title="Result">
            {detail.status === 'Running' ? (
              <Typography color="textSecondary">
                No result yet: the execution is running.
              </Typography>
            ) : (
              <JsonView value={detail.result} label="Result" />
            )}
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section title="Pending activities">
            <PendingActivities activities={detail.pendingActivities} />
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section title="Event history">
            <ExecutionHistory
              workflowId={workflowId}
              runId={detail.runId || undefined}
              refreshKey={refreshKey}
            />
          </Section>
        </Grid>
      </Grid>
    );
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <div>{back}</div>
      <Typography variant="h5" component="h2" className={classes.title}>
        {workflowId}
      </Typography>
      {!live && (
        <Typography variant="body2" color="textSecondary">
          Live updates are off (the signals plugin is not installed); reload to
          see changes.
        </Typography>
      )}
      <LiveRegion message={announcement} />
      {body}
    </Box>
  );
}

/** For runs of a model, a link to that model's metrics on the dashboard. */
function MetricsLink(props: { detail: WorkflowExecutionDetail }) {
  const metricsLink = useRouteRef(aiMetricsRouteRef);
  const input = props.detail.input as
    | { model?: unknown; version?: unknown; toVersion?: unknown }
    | undefined;
  const model = typeof input?.model === 'string' ? input.model : undefined;
  if (!metricsLink || !model) return null;
  const version = [input?.version, input?.toVersion].find(
    (v): v is string => typeof v === 'string',
  );
  const params = new URLSearchParams({ model });
  if (version) params.set('version', version);
  return (
    <Box mt={1}>
      <RouterLink href={`${metricsLink()}?${params}`}>
        Metrics of {model}
        {version ? ` ${version}` : ''}
      </RouterLink>
    </Box>
  );
}
