import { FormattedTime } from '@ai-ops-console/console-react';
import { ConsoleSession } from '@ai-ops-console/backstage-plugin-user-admin-common';
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
  Typography,
} from '@material-ui/core';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import { PAGE_SIZES } from '../../hooks/userQuery';
import { SessionQuery } from '../../hooks/sessionQuery';

const useStyles = makeStyles(theme => ({
  ref: { fontFamily: 'monospace', fontSize: '0.8125rem' },
  agent: { maxWidth: 320, wordBreak: 'break-word' },
  state: { display: 'flex', gap: theme.spacing(0.5), alignItems: 'center' },
  active: { color: theme.palette.success.main },
  revoked: { color: theme.palette.text.secondary },
}));

/** "Active", or who revoked the session, when and why: in words. */
export function SessionState(props: { session: ConsoleSession }) {
  const { session } = props;
  const classes = useStyles();
  if (!session.revokedAt) {
    return (
      <span className={classes.state}>
        <CheckCircleIcon
          aria-hidden
          fontSize="small"
          className={classes.active}
        />
        Active
      </span>
    );
  }
  return (
    <span className={classes.state}>
      <BlockIcon aria-hidden fontSize="small" className={classes.revoked} />
      <span>
        Revoked{session.revokedBy ? ` by ${session.revokedBy}` : ''} at{' '}
        <FormattedTime value={session.revokedAt} />
        {session.revokeReason ? `: ${session.revokeReason}` : ''}
      </span>
    </span>
  );
}

/**
 * Sessions of one page; active ones the reader may revoke have a Revoke
 * button. The Actions column is left out when they may revoke none of them.
 */
export function SessionTable(props: {
  sessions: ConsoleSession[];
  total: number;
  query: SessionQuery;
  onQueryChange(query: SessionQuery): void;
  /** Whether the reader may revoke the session (if it is active). */
  mayRevoke(session: ConsoleSession): boolean;
  onRevoke(session: ConsoleSession): void;
}) {
  const { sessions, total, query, onQueryChange, mayRevoke, onRevoke } = props;
  const classes = useStyles();
  const withActions = sessions.some(mayRevoke);
  return (
    <Box>
      <Box overflow="auto">
        <Table size="small" aria-label="Sessions">
          <TableHead>
            <TableRow>
              <TableCell>User</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>Last seen</TableCell>
              <TableCell>User agent</TableCell>
              <TableCell>Address</TableCell>
              <TableCell>State</TableCell>
              {withActions && <TableCell>Actions</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {sessions.map(session => (
              <TableRow key={session.id}>
                <TableCell
                  component="th"
                  scope="row"
                  role="rowheader"
                  className={classes.ref}
                >
                  {session.userRef}
                </TableCell>
                <TableCell>
                  <FormattedTime value={session.createdAt} />
                </TableCell>
                <TableCell>
                  <FormattedTime value={session.lastSeenAt} />
                </TableCell>
                <TableCell className={classes.agent}>
                  {session.userAgent ?? 'Unknown'}
                </TableCell>
                <TableCell>{session.ipAddress ?? 'Unknown'}</TableCell>
                <TableCell>
                  <SessionState session={session} />
                </TableCell>
                {withActions && (
                  <TableCell>
                    {session.revokedAt || !mayRevoke(session) ? (
                      <Typography variant="body2" color="textSecondary">
                        —
                      </Typography>
                    ) : (
                      <Button
                        size="small"
                        variant="outlined"
                        color="secondary"
                        aria-label={`Revoke session ${session.id} of ${session.userRef}`}
                        onClick={() => onRevoke(session)}
                      >
                        Revoke
                      </Button>
                    )}
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
          onQueryChange({ ...query, limit: Number(e.target.value), offset: 0 })
        }
      />
    </Box>
  );
}
