import { memo } from 'react';
import { useExecutionRow } from '../../hooks/useExecutionsStore';
import { ExecutionRowCells } from './ExecutionRowCells';

/**
 * One row, subscribed to its own execution only: a live update that changed
 * another execution does not render it again.
 */
export const ExecutionRow = memo(function Row(props: {
  workflowId: string;
  rowIndex: number;
  hrefFor?: (workflowId: string) => string;
}) {
  const row = useExecutionRow(props.workflowId);
  if (!row) return null;
  return (
    <ExecutionRowCells
      row={row}
      rowIndex={props.rowIndex}
      href={props.hrefFor?.(row.workflowId)}
    />
  );
});
