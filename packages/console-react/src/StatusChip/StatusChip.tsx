import { Chip, makeStyles, Theme, useTheme } from '@material-ui/core';
import { CSSProperties, ReactElement } from 'react';

/**
 * The theme colour of a status: a main or dark shade of a status palette, or
 * the secondary text colour for a neutral one.
 */
export type StatusColor =
  | `${'success' | 'info' | 'warning' | 'error'}.${'main' | 'dark'}`
  | 'text.secondary';

/** The CSS colour a StatusColor names in a theme. */
export function statusColor(theme: Theme, color: StatusColor): string {
  const [palette, shade] = color.split('.') as [string, string];
  if (palette === 'text') return theme.palette.text.secondary;
  const colors = theme.palette[palette as 'success'];
  return colors[shade as 'main'];
}

const useStyles = makeStyles({
  icon: { color: 'var(--status-color)' },
});

export type StatusChipProps = {
  /** The status in words. */
  label: string;
  /** Marks the status beside its words; give it `aria-hidden`. */
  icon: ReactElement;
  color: StatusColor;
};

/**
 * A status as an outlined chip: an icon and its name, never colour alone.
 * The status colour marks the icon and the outline; the words stay in the
 * body text colour, so they keep their contrast whatever the status colour.
 */
export function StatusChip(props: StatusChipProps) {
  const classes = useStyles();
  const color = statusColor(useTheme(), props.color);
  const style = { '--status-color': color, borderColor: color };
  return (
    <Chip
      size="small"
      variant="outlined"
      style={style as CSSProperties}
      classes={{ icon: classes.icon }}
      icon={props.icon}
      label={props.label}
    />
  );
}
