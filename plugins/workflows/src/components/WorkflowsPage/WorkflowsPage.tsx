import {
  useAppLocation,
  useRouteRef,
  useRouteRefParams,
} from '@backstage/frontend-plugin-api';
import { LinearProgress } from '@material-ui/core';
import { lazy, Suspense } from 'react';
import { executionRouteRef, startRouteRef } from '../../routes';

const ExecutionListPage = lazy(() =>
  import('../ExecutionListPage').then(m => ({ default: m.ExecutionListPage })),
);
const ExecutionDetailPage = lazy(() =>
  import('../ExecutionDetailPage').then(m => ({
    default: m.ExecutionDetailPage,
  })),
);
const StartWorkflowPage = lazy(() =>
  import('../StartWorkflowPage').then(m => ({ default: m.StartWorkflowPage })),
);

const trimSlash = (path: string) => path.replace(/\/+$/, '');

/**
 * The plugin's page: the execution list at its root, one execution under
 * `executions/:workflowId`, the start form under `start`. Each view is its
 * own lazily loaded chunk.
 */
export const WorkflowsPage = () => {
  const { workflowId } = useRouteRefParams(executionRouteRef);
  const startPath = useRouteRef(startRouteRef)?.();
  const { pathname } = useAppLocation();

  let view;
  if (workflowId) {
    // a new id is a new page: nothing of the previous execution survives
    view = <ExecutionDetailPage key={workflowId} workflowId={workflowId} />;
  } else if (startPath && trimSlash(pathname) === trimSlash(startPath)) {
    view = <StartWorkflowPage />;
  } else {
    view = <ExecutionListPage />;
  }
  return (
    <Suspense fallback={<LinearProgress aria-label="Loading page" />}>
      {view}
    </Suspense>
  );
};
