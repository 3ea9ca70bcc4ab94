import { WorkflowExecutionSummary } from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  StatusChip as ConsoleStatusChip,
  StatusColor,
} from '@ai-ops-console/console-react';
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

const COLORS: Record<Status, StatusColor> = {
  Running: 'info.main',
  Completed: 'success.main',
  Failed: 'error.main',
  TimedOut: 'error.main',
  Terminated: 'warning.dark',
  Canceled: 'text.secondary',
  ContinuedAsNew: 'text.secondary',
  Unknown: 'text.secondary',
};

/** An execution status: an icon and its name, never colour alone. */
export function StatusChip(props: { status: Status }) {
  return (
    <ConsoleStatusChip
      color={COLORS[props.status]}
      icon={ICONS[props.status]}
      label={STATUS_LABELS[props.status]}
    />
  );
}
