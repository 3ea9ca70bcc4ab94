import { RouteRef } from '@backstage/core-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import {
  renderInTestApp as renderInNewTestApp,
  TestAppOptions,
} from '@backstage/frontend-test-utils';
import { ReactElement } from 'react';

/**
 * Renders a component of this plugin in a test app of the new frontend
 * system, the console's own, as `alpha.tsx` mounts it: inside
 * `compatWrapper` (for core-plugin-api) and the React Router page adapter,
 * with the legacy route refs converted where they are mounted.
 */
export function renderInTestApp(
  element: ReactElement,
  options: Omit<TestAppOptions, 'mountedRoutes'> & {
    mountedRoutes?: Record<string, RouteRef>;
  } = {},
) {
  const { mountedRoutes, ...rest } = options;
  return renderInNewTestApp(
    compatWrapper(<ReactRouterV6PageRouter>{element}</ReactRouterV6PageRouter>),
    {
      ...rest,
      mountedRoutes:
        mountedRoutes &&
        Object.fromEntries(
          Object.entries(mountedRoutes).map(([path, ref]) => [
            path,
            convertLegacyRouteRef(ref),
          ]),
        ),
    },
  );
}
