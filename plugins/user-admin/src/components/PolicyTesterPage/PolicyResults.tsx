import { PolicyTestResult } from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpIcon from '@material-ui/icons/Help';
import { ReactElement, useMemo, useState } from 'react';
import { JsonText } from '../JsonText';

const useStyles = makeStyles(theme => ({
  decision: {
    display: 'inline-flex',
    gap: theme.spacing(0.5),
    alignItems: 'center',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  ALLOW: { color: theme.palette.success.main },
  DENY: { color: theme.palette.error.main },
  CONDITIONAL: { color: theme.palette.warning.dark },
  mono: { fontFamily: 'monospace', fontSize: '0.8125rem' },
  why: { margin: 0, paddingLeft: theme.spacing(2) },
}));

const ICONS: Record<PolicyTestResult['result'], ReactElement> = {
  ALLOW: <CheckCircleIcon aria-hidden fontSize="small" />,
  DENY: <BlockIcon aria-hidden fontSize="small" />,
  CONDITIONAL: <HelpIcon aria-hidden fontSize="small" />,
};

/** ALLOW, DENY or CONDITIONAL as text with an icon, never colour alone. */
export function Decision(props: { result: PolicyTestResult['result'] }) {
  const classes = useStyles();
  return (
    <span className={`${classes.decision} ${classes[props.result]}`}>
      {ICONS[props.result]}
      {props.result}
    </span>
  );
}

/** Every permission's decision with the reasons; a filter narrows the rows. */
export function PolicyResults(props: {
  results: PolicyTestResult[];
  unreachable: string[];
}) {
  const { results, unreachable } = props;
  const classes = useStyles();
  const [filter, setFilter] = useState('');

  const shown = useMemo(() => {
    const words = filter
      .toLocaleLowerCase('en-US')
      .split(/\s+/)
      .filter(Boolean);
    if (!words.length) return results;
    return results.filter(r => {
      const text = [r.permission, r.result, r.action, r.resourceType, ...r.why]
        .filter(Boolean)
        .join(' ')
        .toLocaleLowerCase('en-US');
      return words.every(w => text.includes(w));
    });
  }, [results, filter]);

  const count = (result: PolicyTestResult['result']) =>
    results.filter(r => r.result === result).length;

  return (
    <Box display="grid" gridGap={12}>
      <Typography role="status">
        {results.length} permissions: {count('ALLOW')} allowed,{' '}
        {count('CONDITIONAL')} conditional, {count('DENY')} denied.
      </Typography>
      {unreachable.length > 0 && (
        <Typography color="textSecondary">
          Permissions of {unreachable.join(', ')} could not be read, so they are
          missing here.
        </Typography>
      )}
      <TextField
        id="user-admin-policy-filter"
        label="Filter permissions"
        placeholder="workflows, DENY, read…"
        type="search"
        value={filter}
        onChange={e => setFilter(e.target.value)}
        InputLabelProps={{ shrink: true }}
      />
      {shown.length === 0 ? (
        <Typography>No permission matches the filter.</Typography>
      ) : (
        <Box overflow="auto">
          <Table size="small" aria-label="Decisions">
            <TableHead>
              <TableRow>
                <TableCell>Permission</TableCell>
                <TableCell>Action</TableCell>
                <TableCell>Resource type</TableCell>
                <TableCell>Decision</TableCell>
                <TableCell>Why</TableCell>
                <TableCell>Conditions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map(r => (
                <TableRow key={r.permission}>
                  <TableCell
                    component="th"
                    scope="row"
                    role="rowheader"
                    className={classes.mono}
                  >
                    {r.permission}
                  </TableCell>
                  <TableCell>{r.action ?? '—'}</TableCell>
                  <TableCell>{r.resourceType ?? '—'}</TableCell>
                  <TableCell>
                    <Decision result={r.result} />
                  </TableCell>
                  <TableCell>
                    <ul className={classes.why}>
                      {r.why.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  </TableCell>
                  <TableCell>
                    {r.conditions === undefined ? (
                      '—'
                    ) : (
                      <JsonText value={r.conditions} label="Conditions" />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
