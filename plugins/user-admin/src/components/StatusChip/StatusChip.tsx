import { ConsoleUserStatus } from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  StatusChip as ConsoleStatusChip,
  StatusColor,
} from '@ai-ops-console/console-react';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import MailOutlineIcon from '@material-ui/icons/MailOutline';
import { ReactElement } from 'react';

/** How each status reads. @internal */
export const STATUS_LABELS: Record<ConsoleUserStatus, string> = {
  active: 'Active',
  pending: 'Pending approval',
  invited: 'Invited',
  disabled: 'Disabled',
};

const ICONS: Record<ConsoleUserStatus, ReactElement> = {
  active: <CheckCircleIcon aria-hidden />,
  pending: <HourglassEmptyIcon aria-hidden />,
  invited: <MailOutlineIcon aria-hidden />,
  disabled: <BlockIcon aria-hidden />,
};

const COLORS: Record<ConsoleUserStatus, StatusColor> = {
  active: 'success.main',
  pending: 'warning.dark',
  invited: 'info.main',
  disabled: 'error.main',
};

/** A user's status: an icon and its name, never colour alone. */
export function StatusChip(props: { status: ConsoleUserStatus }) {
  return (
    <ConsoleStatusChip
      color={COLORS[props.status] ?? 'text.secondary'}
      icon={ICONS[props.status]}
      label={STATUS_LABELS[props.status] ?? props.status}
    />
  );
}
