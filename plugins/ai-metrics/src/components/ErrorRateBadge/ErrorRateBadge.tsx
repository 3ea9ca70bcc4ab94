import { StatusChip, StatusColor } from '@ai-ops-console/console-react';
import { makeStyles } from '@material-ui/core';
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

const COLORS: Record<ErrorRateLevel, StatusColor> = {
  none: 'text.secondary',
  ok: 'success.dark',
  low: 'success.dark',
  elevated: 'warning.dark',
  high: 'error.dark',
};

const useStyles = makeStyles(theme => ({
  root: { display: 'inline-flex', alignItems: 'center', gap: theme.spacing(1) },
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
      <StatusChip
        color={COLORS[level]}
        icon={ICONS[level]}
        label={ERROR_RATE_LABELS[level]}
      />
    </span>
  );
}
