import { useApi } from '@backstage/frontend-plugin-api';
import { workflowBatchPermission } from '@ai-ops-console/backstage-plugin-workflows-common';
import { ConfirmDialog, formatTimestamp } from '@ai-ops-console/console-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import {
  WorkflowBatchStarted,
  WorkflowBatchStatus,
  WorkflowFilter,
  workflowsApiRef,
} from '../../api';
import { withoutStatus } from '../../hooks/executionFilters';
import { describeError } from '../LoadError';

type Action = 'cancel' | 'terminate';

/** The filter in words, for the confirmation. */
function describeFilter(filter: WorkflowFilter): string {
  const parts: string[] = [];
  if (filter.type?.length) parts.push(`of type ${filter.type.join(' or ')}`);
  if (filter.startedBy) parts.push(`started by ${filter.startedBy}`);
  if (filter.idPrefix)
    parts.push(`with an ID starting with "${filter.idPrefix}"`);
  if (filter.from)
    parts.push(`started at or after ${formatTimestamp(filter.from)}`);
  if (filter.to)
    parts.push(`started at or before ${formatTimestamp(filter.to)}`);
  return parts.length ? parts.join(', ') : 'of every type';
}

/**
 * Cancels or terminates every running execution that matches the list's
 * filter (its status filter aside) as one Temporal batch operation. Shown
 * only to those with the batch permission.
 */
export function BatchActions(props: { filter: WorkflowFilter }) {
  const api = useApi(workflowsApiRef);
  const { allowed } = usePermission({ permission: workflowBatchPermission });
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState<Action>('cancel');
  const [started, setStarted] = useState<
    WorkflowBatchStarted & { action: Action }
  >();
  const [status, setStatus] = useState<WorkflowBatchStatus>();
  const [statusError, setStatusError] = useState<Error>();
  const filter = withoutStatus(props.filter);

  if (!allowed) return null;

  const ask = (next: Action) => {
    setAction(next);
    setOpen(true);
  };

  const checkProgress = async (jobId: string) => {
    setStatusError(undefined);
    try {
      setStatus(await api.getBatch({ jobId }));
    } catch (e) {
      setStatusError(e as Error);
    }
  };

  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Box display="flex" gridGap={8}>
        <Button variant="outlined" onClick={() => ask('cancel')}>
          Cancel matching…
        </Button>
        <Button variant="outlined" onClick={() => ask('terminate')}>
          Terminate matching…
        </Button>
      </Box>
      <ConfirmDialog
        open={open}
        title={
          action === 'terminate'
            ? 'Terminate matching executions'
            : 'Cancel matching executions'
        }
        description={`This ${
          action === 'terminate' ? 'terminates' : 'asks to cancel'
        } every running execution ${describeFilter(
          filter,
        )} that you may ${action}. The status filter does not apply: only running executions are affected.`}
        confirmLabel={action === 'terminate' ? 'Terminate all' : 'Cancel all'}
        destructive
        reason={{ label: 'Reason', required: true }}
        cancelLabel="Back"
        renderError={describeError}
        onConfirm={async reason => {
          const result = await api.startBatch({
            action,
            reason,
            filter,
          });
          setStatus(undefined);
          setStarted({ ...result, action });
        }}
        onClose={() => setOpen(false)}
      />
      {started && (
        <Box role="status">
          <Typography variant="body2">
            Batch {started.action} started: {started.matched} running{' '}
            {started.matched === 1 ? 'execution' : 'executions'} matched (job{' '}
            {started.jobId}).
            {status &&
              ` ${status.completed} of ${status.total} done, ${status.failed} failed; the job is ${status.state}.`}
          </Typography>
          {statusError && (
            <Typography variant="body2" color="error">
              Could not read the batch progress. {describeError(statusError)}
            </Typography>
          )}
          <Button size="small" onClick={() => checkProgress(started.jobId)}>
            Check progress
          </Button>
        </Box>
      )}
    </Box>
  );
}
