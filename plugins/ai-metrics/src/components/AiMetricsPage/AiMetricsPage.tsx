import { useAppLocation, useRouteRef } from '@backstage/frontend-plugin-api';
import { LinearProgress } from '@material-ui/core';
import { lazy, Suspense } from 'react';
import { compareRouteRef } from '../../routes';
import { WidgetBoundary } from '../WidgetBoundary';

const DashboardPage = lazy(() =>
  import('../DashboardPage').then(m => ({ default: m.DashboardPage })),
);
const ComparePage = lazy(() =>
  import('../ComparePage').then(m => ({ default: m.ComparePage })),
);

const trimSlash = (path: string) => path.replace(/\/+$/, '');

/**
 * The plugin's page: the dashboard at its root and the comparison of models
 * or versions under `compare`, each its own lazily loaded chunk.
 */
export const AiMetricsPage = () => {
  const comparePath = useRouteRef(compareRouteRef)?.();
  const { pathname } = useAppLocation();
  const isCompare =
    comparePath !== undefined && trimSlash(pathname) === trimSlash(comparePath);
  return (
    <WidgetBoundary what="this page">
      <Suspense fallback={<LinearProgress aria-label="Loading page" />}>
        {isCompare ? <ComparePage /> : <DashboardPage />}
      </Suspense>
    </WidgetBoundary>
  );
};
