import {
  ErrorNotice,
  FormattedTime,
  WidgetBoundary,
} from '@ai-ops-console/console-react';
import { useApi } from '@backstage/core-plugin-api';
import { AuditRecord } from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  Box,
  Button,
  CircularProgress,
  LinearProgress,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import { useEffect, useRef, useState } from 'react';
import { userAdminApiRef } from '../../api';
import { auditFilterCodec } from '../../hooks/auditQuery';
import { useAuditLog } from '../../hooks/useAuditLog';
import { useUrlQuery } from '../../hooks/urlQuery';
import { JsonText } from '../JsonText';
import { AuditFilters } from './AuditFilters';

const useStyles = makeStyles(theme => ({
  mono: { fontFamily: 'monospace', fontSize: '0.8125rem' },
  outcome: {
    display: 'inline-flex',
    gap: theme.spacing(0.5),
    alignItems: 'center',
  },
  success: { color: theme.palette.success.main },
  failure: { color: theme.palette.error.main },
  details: { minWidth: 240, maxWidth: 480 },
}));

function Outcome(props: { outcome: AuditRecord['outcome'] }) {
  const classes = useStyles();
  return props.outcome === 'success' ? (
    <span className={classes.outcome}>
      <CheckCircleIcon
        aria-hidden
        fontSize="small"
        className={classes.success}
      />
      Success
    </span>
  ) : (
    <span className={classes.outcome}>
      <ErrorIcon aria-hidden fontSize="small" className={classes.failure} />
      Failure
    </span>
  );
}

/** Audit records, newest first, filtered through the URL, a page at a time. */
export function AuditPage() {
  const classes = useStyles();
  const api = useApi(userAdminApiRef);
  const [filter, setFilter] = useUrlQuery(auditFilterCodec);
  const log = useAuditLog(api, filter);
  const endNote = useRef<HTMLParagraphElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const hasFilter = Object.values(filter).some(Boolean);

  // after the last page the button goes away: its focus moves to the note
  const [focusEnd, setFocusEnd] = useState(false);
  useEffect(() => {
    if (focusEnd && endNote.current) {
      endNote.current.focus();
      setFocusEnd(false);
    }
  }, [focusEnd, log.nextCursor]);

  const loadMore = async () => {
    if (log.loadingMore) return;
    const hadFocus = document.activeElement === moreButton.current;
    const more = await log.loadMore();
    if (hadFocus && !more) setFocusEnd(true);
  };

  return (
    <Box display="grid" gridGap={16}>
      <Typography variant="h5" component="h2">
        Audit log
      </Typography>
      <AuditFilters
        // the fields start from the URL again when it changes under them
        key={JSON.stringify(filter)}
        filter={filter}
        onChange={setFilter}
      />
      <WidgetBoundary what="the audit log">
        {log.loading && <LinearProgress aria-label="Loading the audit log" />}
        {log.error && (
          <ErrorNotice
            what="load the audit log"
            action="read the audit log"
            error={log.error}
            onRetry={log.reload}
          />
        )}
        {!log.loading && !log.error && log.items.length === 0 && (
          <Typography>
            {hasFilter
              ? 'No audit records match these filters.'
              : 'No audit records yet.'}
          </Typography>
        )}
        {log.items.length > 0 && (
          <Box overflow="auto">
            <Table size="small" aria-label="Audit records">
              <TableHead>
                <TableRow>
                  <TableCell>Time</TableCell>
                  <TableCell>Actor</TableCell>
                  <TableCell>Action</TableCell>
                  <TableCell>Target</TableCell>
                  <TableCell>Outcome</TableCell>
                  <TableCell>Details</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {log.items.map(record => (
                  <TableRow key={record.id}>
                    <TableCell component="th" scope="row" role="rowheader">
                      <FormattedTime value={record.at} />
                    </TableCell>
                    <TableCell className={classes.mono}>
                      {record.actor}
                    </TableCell>
                    <TableCell className={classes.mono}>
                      {record.action}
                    </TableCell>
                    <TableCell className={classes.mono}>
                      {record.target ?? '—'}
                    </TableCell>
                    <TableCell>
                      <Outcome outcome={record.outcome} />
                    </TableCell>
                    <TableCell className={classes.details}>
                      <JsonText
                        value={record.details}
                        label={`Details of ${record.action}`}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
        {log.moreError && (
          <ErrorNotice
            what="load more audit records"
            action="read the audit log"
            error={log.moreError}
            onRetry={loadMore}
          />
        )}
        {log.nextCursor ? (
          <Box>
            <Button
              ref={moreButton}
              variant="outlined"
              onClick={loadMore}
              aria-busy={log.loadingMore}
              startIcon={
                log.loadingMore ? (
                  <CircularProgress size={16} aria-hidden />
                ) : undefined
              }
            >
              Load more
            </Button>
          </Box>
        ) : (
          log.items.length > 0 && (
            <Typography
              ref={endNote}
              tabIndex={-1}
              variant="body2"
              color="textSecondary"
            >
              {log.items.length} records: the end of the audit log
              {hasFilter ? ' for these filters' : ''}.
            </Typography>
          )
        )}
      </WidgetBoundary>
    </Box>
  );
}
