import { ConsoleUserStatus } from '@internal/backstage-plugin-user-admin-common';
import { Chip, makeStyles } from '@material-ui/core';
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

const useStyles = makeStyles(theme => ({
  active: { color: theme.palette.success.main, borderColor: 'currentColor' },
  pending: { color: theme.palette.warning.dark, borderColor: 'currentColor' },
  invited: { color: theme.palette.info.main, borderColor: 'currentColor' },
  disabled: { color: theme.palette.error.main, borderColor: 'currentColor' },
  icon: { color: 'inherit' },
}));

/** A user's status: an icon and its name, never colour alone. */
export function StatusChip(props: { status: ConsoleUserStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[props.status]}
      classes={{ icon: classes.icon }}
      icon={ICONS[props.status]}
      label={STATUS_LABELS[props.status] ?? props.status}
    />
  );
}
