import { Box, Button, makeStyles, TextField } from '@material-ui/core';
import type { FormEvent, ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-end',
  },
}));

/**
 * A row of filter fields that wraps on narrow screens. Text fields apply on
 * submit (Apply, or Enter in a field), so typing does not reload a list on
 * every key.
 *
 * @public
 */
export function FilterForm(props: {
  /** The form's accessible name, e.g. "Filter executions". */
  label: string;
  onSubmit(event: FormEvent): void;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <form
      className={classes.form}
      onSubmit={props.onSubmit}
      aria-label={props.label}
    >
      {props.children}
    </form>
  );
}

/**
 * A date and time field in the reader's local time; the value is the
 * `datetime-local` string (see `toLocalInput` and `fromLocalInput`).
 *
 * @public
 */
export function DateTimeField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  className?: string;
  helperText?: string;
}) {
  return (
    <TextField
      className={props.className}
      id={props.id}
      label={props.label}
      type="datetime-local"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      InputLabelProps={{ shrink: true }}
      helperText={props.helperText}
    />
  );
}

/**
 * "Apply filters" (the submit button) and "Clear filters".
 *
 * @public
 */
export function FilterActions(props: { onClear(): void; mb?: number }) {
  return (
    <Box display="flex" gridGap={8} mb={props.mb}>
      <Button type="submit" variant="contained" color="primary">
        Apply filters
      </Button>
      <Button type="button" variant="outlined" onClick={props.onClear}>
        Clear filters
      </Button>
    </Box>
  );
}
