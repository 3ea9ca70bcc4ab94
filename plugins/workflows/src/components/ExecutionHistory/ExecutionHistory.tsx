import { FormattedTime } from '@ai-ops-console/console-react';
import { useApi } from '@backstage/frontend-plugin-api';
import { WorkflowHistoryEvent } from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  Box,
  Button,
  LinearProgress,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { workflowsApiRef } from '../../api';
import { JsonView } from '../JsonView';
import { LoadError } from '../LoadError';

/** Events per page. */
export const HISTORY_PAGE_SIZE = 100;

const useStyles = makeStyles(theme => ({
  timeline: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
  event: {
    position: 'relative',
    padding: theme.spacing(0.5, 0, 0.5, 2),
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -5,
      top: 14,
      width: 8,
      height: 8,
      borderRadius: '50%',
      background: theme.palette.text.secondary,
    },
  },
  id: { fontFamily: 'monospace', color: theme.palette.text.secondary },
  details: { paddingLeft: theme.spacing(4) },
}));

/** `WorkflowExecutionStarted` → `Workflow execution started`. */
export function eventTypeWords(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function HistoryEvent(props: { event: WorkflowHistoryEvent }) {
  const { event } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const hasAttributes = Object.keys(event.attributes).length > 0;
  return (
    <li className={classes.event}>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <span className={classes.id}>#{event.eventId}</span>
        <Typography component="span" variant="body2">
          {eventTypeWords(event.eventType)}
        </Typography>
        <Typography component="span" variant="caption" color="textSecondary">
          <FormattedTime value={event.eventTime} />
        </Typography>
        {hasAttributes && (
          <Button
            size="small"
            aria-expanded={open}
            aria-controls={regionId}
            aria-label={`Details of event ${event.eventId}`}
            startIcon={
              open ? (
                <ExpandMoreIcon aria-hidden />
              ) : (
                <ChevronRightIcon aria-hidden />
              )
            }
            onClick={() => setOpen(o => !o)}
          >
            Details
          </Button>
        )}
      </Box>
      {hasAttributes && (
        <div id={regionId} hidden={!open} className={classes.details}>
          {open && (
            <JsonView
              value={event.attributes}
              label={`Attributes of event ${event.eventId}`}
            />
          )}
        </div>
      )}
    </li>
  );
}

/**
 * The execution's event history as a timeline, a page at a time. It loads
 * again from the start when `refreshKey` changes (the status moved on).
 */
export function ExecutionHistory(props: {
  workflowId: string;
  runId?: string;
  refreshKey: string;
}) {
  const { workflowId, runId, refreshKey } = props;
  const api = useApi(workflowsApiRef);
  const classes = useStyles();
  const [events, setEvents] = useState<WorkflowHistoryEvent[]>([]);
  const [nextPageToken, setNextPageToken] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const generation = useRef(0);

  const loadPage = useCallback(
    async (pageToken?: string) => {
      const gen = pageToken ? generation.current : ++generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.getHistory({
          workflowId,
          runId,
          pageSize: HISTORY_PAGE_SIZE,
          pageToken,
        });
        if (gen !== generation.current) return;
        setEvents(previous =>
          pageToken ? [...previous, ...page.events] : page.events,
        );
        setNextPageToken(page.nextPageToken);
      } catch (e) {
        if (gen === generation.current) setError(e as Error);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [api, workflowId, runId],
  );

  useEffect(() => {
    void loadPage();
    return () => {
      generation.current += 1;
    };
  }, [loadPage, refreshKey]);

  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      {events.length > 0 && (
        <ol className={classes.timeline} aria-label="Event history">
          {events.map(event => (
            <HistoryEvent key={event.eventId} event={event} />
          ))}
        </ol>
      )}
      {!loading && !error && events.length === 0 && (
        <Typography color="textSecondary">No events yet.</Typography>
      )}
      {loading && <LinearProgress aria-label="Loading events" />}
      {error && (
        <LoadError
          what={events.length ? 'more events' : 'the event history'}
          error={error}
          onRetry={() =>
            void loadPage(events.length ? nextPageToken : undefined)
          }
        />
      )}
      <Box display="flex" alignItems="center" gridGap={16}>
        <Typography variant="body2" color="textSecondary">
          {events.length} {events.length === 1 ? 'event' : 'events'} shown
        </Typography>
        {nextPageToken && !loading && (
          <Button
            variant="outlined"
            size="small"
            onClick={() => void loadPage(nextPageToken)}
          >
            Load more events
          </Button>
        )}
        <Button size="small" onClick={() => void loadPage()} disabled={loading}>
          Reload history
        </Button>
      </Box>
    </Box>
  );
}
