import { makeStyles, Typography } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  pre: {
    margin: 0,
    padding: theme.spacing(0.5, 1),
    background: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
    maxHeight: 240,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/** JSON as text: React escapes it, so markup in data is shown, never run. */
export function toJsonText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A JSON value in `<pre>`, escaped; "None" when there is nothing. Long values
 * scroll inside it, so it takes the focus: keyboard users scroll it too.
 */
export function JsonText(props: { value: unknown; label?: string }) {
  const classes = useStyles();
  if (props.value === undefined || props.value === null) {
    return (
      <Typography variant="body2" color="textSecondary">
        None
      </Typography>
    );
  }
  return (
    <pre
      className={classes.pre}
      // a scrollable region must take the focus to scroll by keyboard (axe
      // scrollable-region-focusable); it is named by its aria-label
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      role="region"
      aria-label={props.label ?? 'JSON value'}
    >
      {toJsonText(props.value)}
    </pre>
  );
}
