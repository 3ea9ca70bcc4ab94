import { makeStyles, TextField } from '@material-ui/core';
import { FormEvent, useId, useState } from 'react';
import {
  DateRangeFields,
  FilterActions,
  FilterForm,
  useLocalDateRange,
} from '@ai-ops-console/console-react';
import { AuditFilter } from '../../hooks/auditQuery';

/** Actions the console records; others can still be typed. */
export const KNOWN_ACTIONS = [
  'sign-in',
  'sign-in-refused',
  'refresh-refused',
  'user-register',
  'user-invite',
  'user-update',
  'user-roles-change',
  'user-approve',
  'user-disable',
  'user-enable',
  'user-delete',
  'session-revoke',
  'session-revoke-all',
  'role-create',
  'role-update',
  'role-delete',
  'role-members-change',
  'role-import',
];

const useStyles = makeStyles({ field: { minWidth: 200 } });

/** Actor, action, target and time range, applied with Apply (or Enter). */
export function AuditFilters(props: {
  filter: AuditFilter;
  onChange(filter: AuditFilter): void;
}) {
  const { filter, onChange } = props;
  const classes = useStyles();
  const actionsId = useId();
  const [actor, setActor] = useState(filter.actor ?? '');
  const [action, setAction] = useState(filter.action ?? '');
  const [target, setTarget] = useState(filter.target ?? '');
  const dates = useLocalDateRange(filter);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange({
      actor: actor.trim() || undefined,
      action: action.trim() || undefined,
      target: target.trim() || undefined,
      ...dates.toRange(),
    });
  };

  const clear = () => {
    setActor('');
    setAction('');
    setTarget('');
    dates.reset();
    onChange({});
  };

  return (
    <FilterForm label="Filter the audit log" onSubmit={apply}>
      <datalist id={actionsId}>
        {KNOWN_ACTIONS.map(a => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <TextField
        className={classes.field}
        id="user-admin-audit-actor"
        label="Actor"
        placeholder="user:default/ada"
        value={actor}
        onChange={e => setActor(e.target.value)}
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        className={classes.field}
        id="user-admin-audit-action"
        label="Action"
        placeholder="user-disable"
        value={action}
        onChange={e => setAction(e.target.value)}
        inputProps={{ list: actionsId }}
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        className={classes.field}
        id="user-admin-audit-target"
        label="Target"
        placeholder="user:default/bob"
        value={target}
        onChange={e => setTarget(e.target.value)}
        InputLabelProps={{ shrink: true }}
      />
      <DateRangeFields
        range={dates}
        idPrefix="user-admin-audit"
        className={classes.field}
      />
      <FilterActions onClear={clear} />
    </FilterForm>
  );
}
