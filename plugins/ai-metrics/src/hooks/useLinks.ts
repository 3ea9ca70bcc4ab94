import { useRouteRef } from '@backstage/core-plugin-api';
import { useAppLocation } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { compareRouteRef, rootRouteRef, workflowsRouteRef } from '../routes';
import { MetricsParams, readParams, writeParams } from './metricsParams';

/** The workflow type whose runs evaluate a model. */
export const EVALUATION_WORKFLOW_TYPE = 'modelEvaluation';

/** How the comparison view compares: several models, or versions of one. */
export type CompareMode = 'models' | 'versions';

function withQuery(path: string, query: URLSearchParams): string {
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Links between the views that keep the range and filters of the current
 * URL, changing only what is asked; and the link to evaluation workflows.
 * A link is undefined when its route is not part of the app.
 */
export function useLinks() {
  const rootLink = useRouteRef(rootRouteRef);
  const compareLink = useRouteRef(compareRouteRef);
  const workflowsLink = useRouteRef(workflowsRouteRef);
  const { search } = useAppLocation();

  return useMemo(() => {
    const current = new URLSearchParams(search);
    const query = (change: Partial<MetricsParams>) => {
      const base = new URLSearchParams(current);
      base.delete('compare');
      return writeParams(base, { ...readParams(current), ...change });
    };
    return {
      /** The dashboard with the current range, and filters as changed. */
      dashboard(change: Partial<MetricsParams> = {}): string | undefined {
        return rootLink && withQuery(rootLink(), query(change));
      },
      /** The comparison with the current range, and what to compare. */
      compare(
        change: Partial<MetricsParams> = {},
        mode?: CompareMode,
      ): string | undefined {
        if (!compareLink) return undefined;
        const next = query(change);
        if (mode === 'versions') next.set('compare', 'versions');
        return withQuery(compareLink(), next);
      },
      /** The workflows list showing evaluation runs. */
      evaluations: workflowsLink
        ? `${workflowsLink()}?type=${EVALUATION_WORKFLOW_TYPE}`
        : undefined,
    };
  }, [rootLink, compareLink, workflowsLink, search]);
}
