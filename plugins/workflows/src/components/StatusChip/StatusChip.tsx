import { WorkflowExecutionSummary } from '@internal/backstage-plugin-workflows-common';
import { Chip, makeStyles } from '@material-ui/core';
import BlockIcon from '@material-ui/icons/Block';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import PlayCircleFilledIcon from '@material-ui/icons/PlayCircleFilled';
import RedoIcon from '@material-ui/icons/Redo';
import TimerOffIcon from '@material-ui/icons/TimerOff';
import { ReactElement } from 'react';
import { STATUS_LABELS } from '../../statusLabels';

type Status = WorkflowExecutionSummary['status'];

const ICONS: Record<Status, ReactElement> = {
  Running: <PlayCircleFilledIcon aria-hidden />,
  Completed: <CheckCircleIcon aria-hidden />,
  Failed: <ErrorIcon aria-hidden />,
  Canceled: <CancelIcon aria-hidden />,
  Terminated: <BlockIcon aria-hidden />,
  ContinuedAsNew: <RedoIcon aria-hidden />,
  TimedOut: <TimerOffIcon aria-hidden />,
  Unknown: <HelpIcon aria-hidden />,
};

/**
 * The status colour marks the icon and the outline; the words stay in the
 * body text colour, so they keep their contrast whatever the status colour.
 */
const status = (color: string) => ({
  '--status-color': color,
  borderColor: color,
});

const useStyles = makeStyles(theme => ({
  Running: status(theme.palette.info.main),
  Completed: status(theme.palette.success.main),
  Failed: status(theme.palette.error.main),
  TimedOut: status(theme.palette.error.main),
  Terminated: status(theme.palette.warning.dark),
  Canceled: status(theme.palette.text.secondary),
  ContinuedAsNew: status(theme.palette.text.secondary),
  Unknown: status(theme.palette.text.secondary),
  icon: { color: 'var(--status-color)' },
}));

/** An execution status: an icon and its name, never colour alone. */
export function StatusChip(props: { status: Status }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[props.status]}
      classes={{ icon: classes.icon }}
      icon={ICONS[props.status]}
      label={STATUS_LABELS[props.status]}
    />
  );
}
