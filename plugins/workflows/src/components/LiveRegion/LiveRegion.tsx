import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    margin: -1,
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    border: 0,
    whiteSpace: 'nowrap',
  },
});

/**
 * A visually hidden polite live region. Render it from the start, even when
 * empty: screen readers say what changes in a region they already know.
 */
export function LiveRegion(props: { message: string }) {
  const classes = useStyles();
  return (
    <div role="status" aria-live="polite" className={classes.visuallyHidden}>
      {props.message}
    </div>
  );
}
