import {
  CONSOLE_USER_STATUSES,
  Role,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { Button, makeStyles, TextField } from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { FormEvent, useState } from 'react';
import { UserQuery } from '../../hooks/userQuery';
import { STATUS_LABELS } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-end',
  },
  search: { minWidth: 260 },
  select: { minWidth: 180 },
}));

/**
 * Search (applied with Enter or the Search button) and the role and status
 * filters (applied at once). Every change starts again at the first page.
 */
export function UserFilters(props: {
  query: UserQuery;
  roles?: Role[];
  onChange(query: UserQuery): void;
}) {
  const { query, roles, onChange } = props;
  const classes = useStyles();
  const [search, setSearch] = useState(query.search ?? '');

  const apply = (patch: Partial<UserQuery>) =>
    onChange({ ...query, ...patch, offset: 0 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ search: search.trim() || undefined });
  };

  const roleOptions = [
    ...(roles ?? []).map(r => ({ name: r.name, title: r.title })),
    // a role from the URL stays selectable even if it is not listed
    ...(query.role && !roles?.some(r => r.name === query.role)
      ? [{ name: query.role, title: query.role }]
      : []),
  ];

  return (
    <form
      className={classes.form}
      onSubmit={submit}
      role="search"
      aria-label="Filter users"
    >
      <TextField
        className={classes.search}
        id="user-admin-users-search"
        label="Search users"
        placeholder="Name, email or user ref"
        type="search"
        value={search}
        onChange={e => setSearch(e.target.value)}
        InputLabelProps={{ shrink: true }}
      />
      <Button
        type="submit"
        variant="outlined"
        startIcon={<SearchIcon aria-hidden />}
      >
        Search
      </Button>
      <TextField
        select
        className={classes.select}
        id="user-admin-users-role"
        label="Role"
        value={query.role ?? ''}
        onChange={e => apply({ role: e.target.value || undefined })}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">All roles</option>
        {roleOptions.map(r => (
          <option key={r.name} value={r.name}>
            {r.title}
          </option>
        ))}
      </TextField>
      <TextField
        select
        className={classes.select}
        id="user-admin-users-status"
        label="Status"
        value={query.status ?? ''}
        onChange={e =>
          apply({
            status: (e.target.value || undefined) as UserQuery['status'],
          })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">All statuses</option>
        {CONSOLE_USER_STATUSES.map(s => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </TextField>
    </form>
  );
}
