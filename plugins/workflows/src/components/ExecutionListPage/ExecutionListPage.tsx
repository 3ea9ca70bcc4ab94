import { WidgetBoundary } from '@ai-ops-console/console-react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { workflowStartPermission } from '@ai-ops-console/backstage-plugin-workflows-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { useCallback, useEffect } from 'react';
import { useExecutionFilters } from '../../hooks/useExecutionFilters';
import {
  ExecutionsStoreProvider,
  useExecutions,
  useStatusAnnouncement,
} from '../../hooks/useExecutionsStore';
import { useWorkflowChanges } from '../../hooks/useWorkflowChanges';
import { executionRouteRef, startRouteRef } from '../../routes';
import { BatchActions } from '../BatchActions';
import { ExecutionFilters } from '../ExecutionFilters';
import { ExecutionTable } from '../ExecutionTable';
import { HealthBanner } from '../HealthBanner';
import { LiveRegion } from '../LiveRegion';
import { describeError } from '../LoadError';
import { StatusCounts } from '../StatusCounts';

function StartButton() {
  const startLink = useRouteRef(startRouteRef);
  const { allowed } = usePermission({ permission: workflowStartPermission });
  if (!allowed || !startLink) return null;
  return (
    <Button
      component={RouterLink}
      href={startLink()}
      // MUI marks non-button components as buttons; this one navigates
      role="link"
      variant="contained"
      color="primary"
      startIcon={<AddIcon aria-hidden />}
    >
      Start workflow
    </Button>
  );
}

/** Says when live updates are off or the last one could not be fetched. */
function LiveStatus(props: { live: boolean }) {
  const liveError = useExecutions(s => s.liveError);
  if (!props.live) {
    return (
      <Typography variant="body2" color="textSecondary">
        Live updates are off (the signals plugin is not installed); reload to
        see changes.
      </Typography>
    );
  }
  if (liveError) {
    return (
      <Typography variant="body2" color="error" role="status">
        The list could not be brought up to date: {describeError(liveError)}
      </Typography>
    );
  }
  return null;
}

/**
 * Says politely which rows a live update moved to another status, a few at
 * a time. Its own component, so an announcement renders nothing else.
 */
function StatusAnnouncements() {
  return <LiveRegion message={useStatusAnnouncement()} />;
}

function ExecutionListContent() {
  const { filter, sort, setFilter, setSort } = useExecutionFilters();
  const load = useExecutions(s => s.load);
  const refresh = useExecutions(s => s.refresh);
  const executionLink = useRouteRef(executionRouteRef);

  useEffect(() => {
    void load(filter);
  }, [load, filter]);

  const { live } = useWorkflowChanges(refresh);

  const hrefFor = useCallback(
    (workflowId: string) => executionLink({ workflowId }),
    [executionLink],
  );
  const hasFilter = Object.keys(filter).length > 0;

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <HealthBanner onRecovered={() => void load(filter)} />
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
        <Typography variant="h5" component="h2" style={{ flex: 1 }}>
          Executions
        </Typography>
        <WidgetBoundary what="the batch actions">
          <BatchActions filter={filter} />
        </WidgetBoundary>
        <StartButton />
      </Box>
      <WidgetBoundary what="the counts by status">
        <StatusCounts
          selected={filter.status ?? []}
          onChange={status =>
            setFilter({ ...filter, status: status.length ? status : undefined })
          }
        />
      </WidgetBoundary>
      <WidgetBoundary what="the filters">
        <ExecutionFilters filter={filter} onChange={setFilter} />
      </WidgetBoundary>
      <LiveStatus live={live} />
      <StatusAnnouncements />
      <WidgetBoundary what="the execution list">
        <ExecutionTable
          sort={sort}
          onSortChange={setSort}
          hrefFor={hrefFor}
          onClearFilters={hasFilter ? () => setFilter({}) : undefined}
        />
      </WidgetBoundary>
    </Box>
  );
}

/**
 * Every execution the reader may see: counts, filters in the URL, a
 * virtualized sortable table, fetched again when a pushed signal says that
 * executions changed.
 */
export function ExecutionListPage() {
  return (
    <ExecutionsStoreProvider>
      <ExecutionListContent />
    </ExecutionsStoreProvider>
  );
}
