import { PluginPage, WidgetBoundary } from '@ai-ops-console/console-react';
import { LinearProgress } from '@material-ui/core';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { compareRouteRef } from '../../routes';

const DashboardPage = lazy(() =>
  import('../DashboardPage').then(m => ({ default: m.DashboardPage })),
);
const ComparePage = lazy(() =>
  import('../ComparePage').then(m => ({ default: m.ComparePage })),
);

/**
 * The plugin's page: the dashboard at its root and the comparison of models
 * or versions under `compare`, each its own lazily loaded chunk, loading
 * inside the page so that its header stays.
 *
 * @param header - false where the host app draws the page header (the new
 *   frontend system's page shell does).
 */
export const AiMetricsPage = (props: { header?: boolean }) => (
  <PluginPage
    title="AI Metrics"
    subtitle="Latency, errors, tokens, cost and accuracy of AI models"
    header={props.header}
  >
    <WidgetBoundary what="this page">
      <Suspense fallback={<LinearProgress aria-label="Loading page" />}>
        <Routes>
          <Route path={compareRouteRef.path} element={<ComparePage />} />
          <Route path="*" element={<DashboardPage />} />
        </Routes>
      </Suspense>
    </WidgetBoundary>
  </PluginPage>
);
