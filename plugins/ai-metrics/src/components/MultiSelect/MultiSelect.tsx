import {
  Checkbox,
  ListItemText,
  makeStyles,
  MenuItem,
  TextField,
} from '@material-ui/core';

const useStyles = makeStyles({ field: { minWidth: 220, maxWidth: 420 } });

/**
 * A labelled select of several values, with a checkbox per option; names
 * render as text. Options chosen but not offered (say, from the URL) stay
 * listed so that they can be unchosen.
 */
export function MultiSelect(props: {
  id: string;
  label: string;
  options: string[];
  value: string[];
  /** What an empty choice means, e.g. "All models". */
  emptyText: string;
  onChange(value: string[]): void;
  disabled?: boolean;
  helperText?: string;
}) {
  const { id, label, value, emptyText, onChange } = props;
  const classes = useStyles();
  const options = [
    ...props.options,
    ...value.filter(v => !props.options.includes(v)),
  ];
  return (
    <TextField
      select
      id={id}
      className={classes.field}
      label={label}
      value={value}
      disabled={props.disabled}
      helperText={props.helperText ?? ' '}
      // the helper text says why a field is disabled: keep it readable
      FormHelperTextProps={{ disabled: false }}
      InputLabelProps={{ shrink: true }}
      SelectProps={{
        multiple: true,
        displayEmpty: true,
        renderValue: selected =>
          (selected as string[]).length
            ? (selected as string[]).join(', ')
            : emptyText,
      }}
      onChange={e => onChange(e.target.value as unknown as string[])}
    >
      {options.map(option => (
        <MenuItem key={option} value={option}>
          <Checkbox
            checked={value.includes(option)}
            size="small"
            inputProps={{ 'aria-hidden': true }}
            tabIndex={-1}
          />
          <ListItemText primary={option} />
        </MenuItem>
      ))}
    </TextField>
  );
}
