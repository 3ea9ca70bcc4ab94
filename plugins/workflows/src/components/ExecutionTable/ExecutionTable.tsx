import { EmptyState } from '@backstage/core-components';
import {
  Box,
  Button,
  LinearProgress,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  Typography,
} from '@material-ui/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { ExecutionSort, SortKey } from '../../hooks/executionFilters';
import {
  useExecutions,
  useSortedExecutionIds,
} from '../../hooks/useExecutionsStore';
import { LoadError } from '../LoadError';
import { ExecutionRow } from './ExecutionRow';
import { ROW_HEIGHT } from './layout';

/** Start fetching the next page this many rows before the end. */
const PREFETCH_ROWS = 40;

const COLUMNS: Array<{ label: string; sortKey?: SortKey }> = [
  { label: 'Workflow ID' },
  { label: 'Type', sortKey: 'type' },
  { label: 'Status', sortKey: 'status' },
  { label: 'Started', sortKey: 'startTime' },
  { label: 'Closed', sortKey: 'closeTime' },
  { label: 'Started by', sortKey: 'startedBy' },
];

/** Times sort newest first when chosen; text sorts A to Z. */
const FIRST_DIRECTION: Record<SortKey, 'asc' | 'desc'> = {
  type: 'asc',
  status: 'asc',
  startTime: 'desc',
  closeTime: 'desc',
  startedBy: 'asc',
};

const useStyles = makeStyles(theme => ({
  scroller: {
    height: 'min(65vh, 760px)',
    overflow: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  spacer: { padding: 0, border: 0 },
  // MUI only tints a focused sort label; keyboard users need to see it
  focusVisible: {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: 2,
  },
}));

/**
 * The loaded executions, virtualized: only the rows in view (plus a margin)
 * are in the DOM. Sorting is client-side over the loaded rows, since
 * Temporal's SQL visibility cannot order results.
 */
export function ExecutionTable(props: {
  sort: ExecutionSort;
  onSortChange(sort: ExecutionSort): void;
  hrefFor?: (workflowId: string) => string;
  /** Shown in the empty state when a filter hides everything. */
  onClearFilters?: () => void;
}) {
  const { sort, onSortChange, hrefFor, onClearFilters } = props;
  const classes = useStyles();
  const ids = useSortedExecutionIds(sort);
  const listState = useExecutions(s => s.listState);
  const listError = useExecutions(s => s.listError);
  const hasMore = useExecutions(s => Boolean(s.nextPageToken));
  const loadingMore = useExecutions(s => s.loadingMore);
  const loadMoreError = useExecutions(s => s.loadMoreError);
  const loadMore = useExecutions(s => s.loadMore);
  const reload = useExecutions(s => s.load);
  const filter = useExecutions(s => s.filter);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;
  const scrolled = (virtualizer.scrollOffset ?? 0) > 0;

  // fetch on scroll: once the reader has scrolled near the end of what is loaded
  useEffect(() => {
    if (
      scrolled &&
      hasMore &&
      !loadingMore &&
      !loadMoreError &&
      lastIndex >= ids.length - PREFETCH_ROWS
    ) {
      void loadMore();
    }
  }, [
    scrolled,
    hasMore,
    loadingMore,
    loadMoreError,
    lastIndex,
    ids.length,
    loadMore,
  ]);

  const sortBy = useCallback(
    (key: SortKey) =>
      onSortChange(
        sort.key === key
          ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
          : { key, direction: FIRST_DIRECTION[key] },
      ),
    [sort, onSortChange],
  );

  if (listState === 'error' && listError) {
    return (
      <LoadError
        what="the execution list"
        error={listError}
        onRetry={() => reload(filter)}
      />
    );
  }
  if (listState === 'loading' && ids.length === 0) {
    return <LinearProgress aria-label="Loading executions" />;
  }
  if (ids.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No workflow executions match"
        description={
          onClearFilters
            ? 'Nothing matches these filters. Clear them to see every execution you may read.'
            : 'Start a workflow and it shows up here as soon as it runs.'
        }
        action={
          onClearFilters && (
            <Button variant="outlined" onClick={onClearFilters}>
              Clear filters
            </Button>
          )
        }
      />
    );
  }

  const paddingTop = items.length ? items[0].start : 0;
  const paddingBottom = items.length
    ? virtualizer.getTotalSize() - items[items.length - 1].end
    : 0;

  return (
    <Box>
      <div
        ref={scrollRef}
        className={classes.scroller}
        // a scrollable region must be reachable by keyboard to scroll it
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="region"
        aria-label="Workflow executions"
      >
        <Table
          stickyHeader
          size="small"
          aria-label="Workflow executions"
          // only the rows in view are in the DOM: say how many there are
          aria-rowcount={ids.length + 1}
        >
          <TableHead>
            <TableRow aria-rowindex={1}>
              {COLUMNS.map(column => {
                const active = column.sortKey === sort.key;
                return (
                  <TableCell
                    key={column.label}
                    sortDirection={active ? sort.direction : false}
                  >
                    {column.sortKey ? (
                      <TableSortLabel
                        active={active}
                        direction={
                          active
                            ? sort.direction
                            : FIRST_DIRECTION[column.sortKey]
                        }
                        onClick={() => sortBy(column.sortKey!)}
                        focusVisibleClassName={classes.focusVisible}
                      >
                        {column.label}
                      </TableSortLabel>
                    ) : (
                      column.label
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {paddingTop > 0 && (
              <tr aria-hidden style={{ height: paddingTop }}>
                <td colSpan={COLUMNS.length} className={classes.spacer} />
              </tr>
            )}
            {items.map(item => (
              <ExecutionRow
                key={ids[item.index]}
                workflowId={ids[item.index]}
                rowIndex={item.index + 2}
                hrefFor={hrefFor}
              />
            ))}
            {paddingBottom > 0 && (
              <tr aria-hidden style={{ height: paddingBottom }}>
                <td colSpan={COLUMNS.length} className={classes.spacer} />
              </tr>
            )}
          </TableBody>
        </Table>
      </div>
      <Box display="flex" alignItems="center" gridGap={16} mt={1}>
        <Typography variant="body2" color="textSecondary">
          {ids.length} {ids.length === 1 ? 'execution' : 'executions'} loaded
          {hasMore ? '; more are available' : ''}
          {sort.key !== 'startTime' || sort.direction !== 'desc'
            ? ' (sorting applies to loaded executions)'
            : ''}
        </Typography>
        {hasMore && (
          <Button
            variant="outlined"
            size="small"
            onClick={() => void loadMore()}
            disabled={loadingMore}
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </Box>
      {loadMoreError && (
        <Box mt={1}>
          <LoadError
            what="more executions"
            error={loadMoreError}
            onRetry={() => void loadMore()}
          />
        </Box>
      )}
    </Box>
  );
}
