import { FormattedTime } from '@ai-ops-console/console-react';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { WorkflowExecutionSummary } from '@ai-ops-console/backstage-plugin-workflows-common';
import { Link, makeStyles, TableCell, TableRow } from '@material-ui/core';
import { StatusChip } from '../StatusChip';
import { ROW_HEIGHT } from './layout';

const useStyles = makeStyles({
  row: { height: ROW_HEIGHT },
  id: {
    maxWidth: 320,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/** The cells of one execution row. */
export function ExecutionRowCells(props: {
  row: WorkflowExecutionSummary;
  rowIndex: number;
  href?: string;
}) {
  const { row, rowIndex, href } = props;
  const classes = useStyles();
  return (
    <TableRow className={classes.row} aria-rowindex={rowIndex}>
      <TableCell
        component="th"
        scope="row"
        role="rowheader"
        className={classes.id}
        title={row.workflowId}
      >
        {href ? (
          <Link component={RouterLink} href={href}>
            {row.workflowId}
          </Link>
        ) : (
          row.workflowId
        )}
      </TableCell>
      <TableCell>{row.type}</TableCell>
      <TableCell>
        <StatusChip status={row.status} />
      </TableCell>
      <TableCell>
        <FormattedTime value={row.startTime} />
      </TableCell>
      <TableCell>
        <FormattedTime value={row.closeTime} empty="Still running" />
      </TableCell>
      <TableCell>{row.startedBy ?? '—'}</TableCell>
    </TableRow>
  );
}
