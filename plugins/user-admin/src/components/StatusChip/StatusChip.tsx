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

/**
 * The status colour marks the icon and the outline; the words stay in the
 * body text colour, so they keep their contrast whatever the status colour.
 */
const status = (color: string) => ({
  '--status-color': color,
  borderColor: color,
});

const useStyles = makeStyles(theme => ({
  active: status(theme.palette.success.main),
  pending: status(theme.palette.warning.dark),
  invited: status(theme.palette.info.main),
  disabled: status(theme.palette.error.main),
  icon: { color: 'var(--status-color)' },
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
