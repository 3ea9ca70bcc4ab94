import {
  Box,
  Button,
  IconButton,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import { FormEvent, useRef, useState } from 'react';

/** The backend's rule for member refs. */
export const MEMBER_REF = /^(user|group):[a-z0-9._-]+\/[a-z0-9._-]+$/i;

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
  },
  field: { minWidth: 320 },
  mono: { fontFamily: 'monospace' },
}));

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * User and group refs a role is assigned to: a list with add and remove, or
 * only the list when `readOnly`.
 */
export function MembersEditor(props: {
  members: string[];
  onChange(members: string[]): void;
  disabled?: boolean;
  /** For those who may not change the role: no add, no remove. */
  readOnly?: boolean;
}) {
  const { members, onChange, disabled, readOnly } = props;
  const classes = useStyles();
  const [ref, setRef] = useState('');
  const [problem, setProblem] = useState<string>();
  const field = useRef<HTMLInputElement>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const value = ref.trim();
    if (!MEMBER_REF.test(value)) {
      setProblem('Give a ref like user:default/jane or group:default/ml-team.');
      field.current?.focus();
      return;
    }
    if (members.some(m => lower(m) === lower(value))) {
      setProblem(`${value} is already a member.`);
      field.current?.focus();
      return;
    }
    onChange([...members, value]);
    setRef('');
    setProblem(undefined);
    field.current?.focus();
  };

  return (
    <Box display="grid" gridGap={8}>
      {members.length === 0 ? (
        <Typography>No members: nobody holds this role.</Typography>
      ) : (
        <List dense aria-label="Members">
          {members.map(member => (
            <ListItem key={member}>
              <ListItemText
                primary={member}
                primaryTypographyProps={{ className: classes.mono }}
              />
              {!readOnly && (
                <ListItemSecondaryAction>
                  <IconButton
                    edge="end"
                    aria-label={`Remove member ${member}`}
                    disabled={disabled}
                    onClick={() => {
                      onChange(members.filter(m => m !== member));
                      field.current?.focus();
                    }}
                  >
                    <DeleteIcon aria-hidden />
                  </IconButton>
                </ListItemSecondaryAction>
              )}
            </ListItem>
          ))}
        </List>
      )}
      {!readOnly && (
        <form
          className={classes.form}
          onSubmit={add}
          noValidate
          aria-label="Add a member"
        >
          <TextField
            className={classes.field}
            id="user-admin-role-member"
            inputRef={field}
            label="User or group ref"
            placeholder="group:default/ml-team"
            value={ref}
            onChange={e => setRef(e.target.value)}
            error={!!problem}
            helperText={problem ?? ' '}
            disabled={disabled}
            InputLabelProps={{ shrink: true }}
            inputProps={{ className: classes.mono, maxLength: 255 }}
          />
          <Box pt={1.5}>
            <Button type="submit" variant="outlined" disabled={disabled}>
              Add member
            </Button>
          </Box>
        </form>
      )}
    </Box>
  );
}
