import { WorkflowExecutionSummary } from '@ai-ops-console/backstage-plugin-workflows-common';

/** Human words for Temporal's status names. */
export const STATUS_LABELS: Record<WorkflowExecutionSummary['status'], string> =
  {
    Running: 'Running',
    Completed: 'Completed',
    Failed: 'Failed',
    Canceled: 'Canceled',
    Terminated: 'Terminated',
    ContinuedAsNew: 'Continued as new',
    TimedOut: 'Timed out',
    Unknown: 'Unknown',
  };
