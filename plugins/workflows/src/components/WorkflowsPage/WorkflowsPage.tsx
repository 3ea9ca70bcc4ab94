import { PluginPage } from '@ai-ops-console/console-react';
import { LinearProgress } from '@material-ui/core';
import { lazy, Suspense } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
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

function ExecutionRoute() {
  const { workflowId = '' } = useParams();
  // a new id is a new page: nothing of the previous execution survives
  return <ExecutionDetailPage key={workflowId} workflowId={workflowId} />;
}

/**
 * The plugin's page: the execution list at its root, one execution under
 * `executions/:workflowId`, the start form under `start`. Each view is its
 * own lazily loaded chunk, loading inside the page so that its header stays.
 *
 * @param header - false where the host app draws the page header (the new
 *   frontend system's page shell does).
 */
export const WorkflowsPage = (props: { header?: boolean }) => (
  <PluginPage
    title="Workflows"
    subtitle="Temporal workflow executions: start, follow and act on them"
    header={props.header}
  >
    <Suspense fallback={<LinearProgress aria-label="Loading page" />}>
      <Routes>
        <Route path={executionRouteRef.path} element={<ExecutionRoute />} />
        <Route path={startRouteRef.path} element={<StartWorkflowPage />} />
        <Route path="*" element={<ExecutionListPage />} />
      </Routes>
    </Suspense>
  </PluginPage>
);
