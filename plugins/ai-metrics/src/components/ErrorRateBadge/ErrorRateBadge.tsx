import { Chip, makeStyles } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';
import { ReactElement } from 'react';
import {
  ERROR_RATE_LABELS,
  ErrorRateLevel,
  errorRateLevel,
  formatPercent,
} from '../../format';

const ICONS: Record<ErrorRateLevel, ReactElement> = {
  none: <RemoveCircleOutlineIcon aria-hidden />,
  ok: <CheckCircleIcon aria-hidden />,
  low: <CheckCircleIcon aria-hidden />,
  elevated: <WarningIcon aria-hidden />,
  high: <ErrorIcon aria-hidden />,
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
  root: { display: 'inline-flex', alignItems: 'center', gap: theme.spacing(1) },
  none: status(theme.palette.text.secondary),
  ok: status(theme.palette.success.dark),
  low: status(theme.palette.success.dark),
  elevated: status(theme.palette.warning.dark),
  high: status(theme.palette.error.dark),
  icon: { color: 'var(--status-color)' },
}));

/**
 * An error rate with its grade in words and an icon (`2.5%` `Elevated`):
 * the colour only repeats what the text says.
 */
export function ErrorRateBadge(props: { rate: number | null }) {
  const classes = useStyles();
  const level = errorRateLevel(props.rate);
  return (
    <span className={classes.root}>
      {props.rate !== null && <span>{formatPercent(props.rate)}</span>}
      <Chip
        size="small"
        variant="outlined"
        className={classes[level]}
        classes={{ icon: classes.icon }}
        icon={ICONS[level]}
        label={ERROR_RATE_LABELS[level]}
      />
    </span>
  );
}
