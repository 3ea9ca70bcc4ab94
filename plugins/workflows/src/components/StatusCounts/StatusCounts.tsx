import {
  WORKFLOW_STATUSES,
  WorkflowStatus,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import CheckIcon from '@material-ui/icons/Check';
import { useExecutions } from '../../hooks/useExecutionsStore';
import { LoadError } from '../LoadError';
import { STATUS_LABELS } from '../../statusLabels';

const useStyles = makeStyles(theme => ({
  count: {
    fontWeight: theme.typography.fontWeightBold as number,
    marginLeft: theme.spacing(1),
  },
  pressed: {
    borderWidth: 2,
    borderColor: theme.palette.primary.main,
    background: theme.palette.action.selected,
  },
  // more than MUI's faint focus ripple, for keyboard users
  focusVisible: {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: 2,
  },
}));

const format = (n: number | undefined) =>
  n === undefined ? '–' : n.toLocaleString();

/**
 * Counts by status for the current filter; each count is a toggle button
 * that filters the list by that status. Selection is shown by a check mark
 * and `aria-pressed`, not by colour alone.
 */
export function StatusCounts(props: {
  selected: WorkflowStatus[];
  onChange(statuses: WorkflowStatus[]): void;
}) {
  const { selected, onChange } = props;
  const classes = useStyles();
  const counts = useExecutions(s => s.counts);
  const countsState = useExecutions(s => s.countsState);
  const countsError = useExecutions(s => s.countsError);
  const loadCounts = useExecutions(s => s.loadCounts);

  if (countsState === 'error' && countsError && !counts) {
    return (
      <LoadError
        what="the counts by status"
        error={countsError}
        onRetry={() => void loadCounts()}
      />
    );
  }

  const toggle = (status: WorkflowStatus) =>
    onChange(
      selected.includes(status)
        ? selected.filter(s => s !== status)
        : [...selected, status],
    );

  return (
    <Box
      role="group"
      aria-label="Counts by status; choose a status to filter"
      aria-busy={countsState === 'loading'}
      display="flex"
      flexWrap="wrap"
      gridGap={8}
    >
      <Button
        variant="outlined"
        size="small"
        aria-pressed={selected.length === 0}
        className={selected.length === 0 ? classes.pressed : undefined}
        startIcon={
          selected.length === 0 ? <CheckIcon aria-hidden /> : undefined
        }
        onClick={() => onChange([])}
        focusVisibleClassName={classes.focusVisible}
      >
        All <span className={classes.count}>{format(counts?.total)}</span>
      </Button>
      {WORKFLOW_STATUSES.map(status => {
        const pressed = selected.includes(status);
        return (
          <Button
            key={status}
            variant="outlined"
            size="small"
            aria-pressed={pressed}
            className={pressed ? classes.pressed : undefined}
            startIcon={pressed ? <CheckIcon aria-hidden /> : undefined}
            onClick={() => toggle(status)}
            focusVisibleClassName={classes.focusVisible}
          >
            {STATUS_LABELS[status]}{' '}
            <span className={classes.count}>
              {format(counts ? counts.byStatus[status] ?? 0 : undefined)}
            </span>
          </Button>
        );
      })}
      {countsState === 'error' && countsError && counts && (
        <Typography variant="body2" color="error" role="status">
          Counts may be out of date.{' '}
          <Button size="small" onClick={() => void loadCounts()}>
            Retry
          </Button>
        </Typography>
      )}
    </Box>
  );
}
