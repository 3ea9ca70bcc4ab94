import { FormattedTime } from '@ai-ops-console/console-react';
import { Link as RouterLink } from 'react-router-dom';
import {
  ConsoleUser,
  Role,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  Box,
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
} from '@material-ui/core';
import { UserSortField } from '../../api';
import { PAGE_SIZES, UserQuery } from '../../hooks/userQuery';
import { StatusChip } from '../StatusChip';

export type UserAction = 'approve' | 'disable' | 'enable' | 'roles' | 'delete';

/** Which row actions the reader may take; the others are not shown. */
export type UserActionsAllowed = {
  /** Approve, disable and enable. */
  status: boolean;
  /** Edit roles. */
  roles: boolean;
  delete: boolean;
};

const useStyles = makeStyles(theme => ({
  // eight columns fit about 1000 px (a 1280 px window with the sidebar)
  // without scrolling: tighter cells, long identifiers wrap anywhere, dates
  // wrap between day and time, the action buttons wrap onto a second line
  table: {
    '& th, & td': { padding: theme.spacing(0.75, 1) },
    '& th:first-child, & td:first-child': { paddingLeft: theme.spacing(2) },
  },
  name: { minWidth: 112, overflowWrap: 'anywhere' },
  email: { minWidth: 144, maxWidth: 240, overflowWrap: 'anywhere' },
  ref: { minWidth: 96, maxWidth: 200, overflowWrap: 'anywhere' },
  status: { whiteSpace: 'nowrap' },
  roles: { minWidth: 88, maxWidth: 200 },
  time: { minWidth: 96 },
  actionsColumn: { minWidth: 168, maxWidth: 280 },
  refText: {
    fontFamily: 'monospace',
    fontSize: '0.75rem',
    color: theme.palette.text.secondary,
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  caption: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
  },
}));

/** How a user is named in buttons and dialogs: the email, else the user ref. */
export const nameOf = (user: ConsoleUser) => user.email || user.userRef;

type ColumnClass =
  | 'name'
  | 'email'
  | 'ref'
  | 'status'
  | 'roles'
  | 'time'
  | 'actionsColumn';

const COLUMNS: Array<{
  id: string;
  title: string;
  sort?: UserSortField;
  /** Its width and wrapping, for the header and every cell. */
  width: ColumnClass;
}> = [
  { id: 'name', title: 'Name', sort: 'name', width: 'name' },
  { id: 'email', title: 'Email', sort: 'email', width: 'email' },
  { id: 'ref', title: 'User ref', width: 'ref' },
  { id: 'status', title: 'Status', sort: 'status', width: 'status' },
  { id: 'roles', title: 'Roles', width: 'roles' },
  {
    id: 'lastSignIn',
    title: 'Last sign-in',
    sort: 'lastSignInAt',
    width: 'time',
  },
  { id: 'created', title: 'Created', sort: 'createdAt', width: 'time' },
  { id: 'actions', title: 'Actions', width: 'actionsColumn' },
];

function ariaSort(field: UserSortField | undefined, query: UserQuery) {
  if (!field) return undefined;
  if (field !== query.sort) return 'none';
  return query.order === 'asc' ? 'ascending' : 'descending';
}

function RowActions(props: {
  user: ConsoleUser;
  allowed: UserActionsAllowed;
  sessionsHref?: string;
  onAction(action: UserAction, user: ConsoleUser): void;
}) {
  const { user, allowed, sessionsHref, onAction } = props;
  const classes = useStyles();
  const who = nameOf(user);
  // one button slot for the status change, so that the focus stays on it
  // when approving turns it into Disable and disabling into Enable
  let statusAction: { action: UserAction; label: string } | undefined;
  if (user.status === 'pending') {
    statusAction = { action: 'approve', label: 'Approve' };
  } else if (user.status === 'disabled') {
    statusAction = { action: 'enable', label: 'Enable' };
  } else {
    statusAction = { action: 'disable', label: 'Disable' };
  }
  return (
    <div className={classes.actions}>
      {allowed.status && (
        <Button
          key="status"
          size="small"
          variant="outlined"
          aria-label={`${statusAction.label} ${who}`}
          onClick={() => onAction(statusAction!.action, user)}
        >
          {statusAction.label}
        </Button>
      )}
      {allowed.status && user.status === 'pending' && (
        <Button
          key="reject"
          size="small"
          variant="outlined"
          aria-label={`Disable ${who}`}
          onClick={() => onAction('disable', user)}
        >
          Disable
        </Button>
      )}
      {allowed.roles && (
        <Button
          key="roles"
          size="small"
          variant="outlined"
          aria-label={`Edit roles of ${who}`}
          onClick={() => onAction('roles', user)}
        >
          Edit roles
        </Button>
      )}
      {sessionsHref && (
        <Button
          key="sessions"
          size="small"
          component={RouterLink}
          to={sessionsHref}
          // MUI marks non-button components as buttons; this one navigates
          role="link"
          aria-label={`Sessions of ${who}`}
        >
          Sessions
        </Button>
      )}
      {allowed.delete && (
        <Button
          key="delete"
          size="small"
          color="secondary"
          aria-label={`Delete ${who}`}
          onClick={() => onAction('delete', user)}
        >
          Delete
        </Button>
      )}
    </div>
  );
}

/**
 * The users of one page, sortable by column, paged on the server. The
 * Actions column is left out when the reader may take no action on any row.
 */
export function UserTable(props: {
  users: ConsoleUser[];
  total: number;
  query: UserQuery;
  roles?: Role[];
  allowed: UserActionsAllowed;
  /** Where a user's sessions are listed; no link without it. */
  sessionsHref?(user: ConsoleUser): string | undefined;
  onQueryChange(query: UserQuery): void;
  onAction(action: UserAction, user: ConsoleUser): void;
}) {
  const { users, total, query, roles, allowed, onQueryChange, onAction } =
    props;
  const classes = useStyles();
  const withActions =
    allowed.status || allowed.roles || allowed.delete || !!props.sessionsHref;
  const columns = withActions
    ? COLUMNS
    : COLUMNS.filter(column => column.id !== 'actions');
  const titleOf = (name: string) =>
    roles?.find(r => r.name === name)?.title ?? name;

  const sortBy = (field: UserSortField) =>
    onQueryChange({
      ...query,
      sort: field,
      order: query.sort === field && query.order === 'asc' ? 'desc' : 'asc',
      offset: 0,
    });

  return (
    <Box>
      <Box overflow="auto">
        <Table size="small" className={classes.table}>
          <caption className={classes.caption}>
            Users, sorted by{' '}
            {COLUMNS.find(c => c.sort === query.sort)?.title ?? query.sort}{' '}
            {query.order === 'asc' ? 'ascending' : 'descending'}
          </caption>
          <TableHead>
            <TableRow>
              {columns.map(column => {
                const active = column.sort && column.sort === query.sort;
                return (
                  <TableCell
                    key={column.id}
                    className={classes[column.width]}
                    sortDirection={active ? query.order : false}
                    // sortable columns say so even while another one sorts
                    aria-sort={ariaSort(column.sort, query)}
                  >
                    {column.sort ? (
                      <TableSortLabel
                        active={!!active}
                        direction={active ? query.order : 'asc'}
                        onClick={() => sortBy(column.sort!)}
                      >
                        {column.title}
                      </TableSortLabel>
                    ) : (
                      column.title
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {users.map(user => (
              <TableRow key={user.id}>
                <TableCell
                  component="th"
                  scope="row"
                  role="rowheader"
                  className={classes.name}
                >
                  {user.displayName}
                </TableCell>
                <TableCell className={classes.email}>
                  {user.email ?? '—'}
                </TableCell>
                <TableCell className={`${classes.ref} ${classes.refText}`}>
                  {user.userRef}
                </TableCell>
                <TableCell className={classes.status}>
                  <StatusChip status={user.status} />
                </TableCell>
                <TableCell className={classes.roles}>
                  {user.roles.length
                    ? user.roles.map(titleOf).join(', ')
                    : 'None'}
                </TableCell>
                <TableCell className={classes.time}>
                  <FormattedTime value={user.lastSignInAt} empty="Never" />
                </TableCell>
                <TableCell className={classes.time}>
                  <FormattedTime value={user.createdAt} />
                </TableCell>
                {withActions && (
                  <TableCell className={classes.actionsColumn}>
                    <RowActions
                      user={user}
                      allowed={allowed}
                      sessionsHref={props.sessionsHref?.(user)}
                      onAction={onAction}
                    />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <TablePagination
        component="div"
        count={total}
        page={Math.floor(query.offset / query.limit)}
        rowsPerPage={query.limit}
        rowsPerPageOptions={
          PAGE_SIZES.includes(query.limit)
            ? PAGE_SIZES
            : [...PAGE_SIZES, query.limit].sort((a, b) => a - b)
        }
        onPageChange={(_, page) =>
          onQueryChange({ ...query, offset: page * query.limit })
        }
        onRowsPerPageChange={e =>
          onQueryChange({
            ...query,
            limit: Number(e.target.value),
            offset: 0,
          })
        }
      />
    </Box>
  );
}
