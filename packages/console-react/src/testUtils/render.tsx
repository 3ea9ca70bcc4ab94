import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { RouteRef } from '@backstage/core-plugin-api';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import {
  renderInTestApp as renderInNewTestApp,
  TestAppOptions,
} from '@backstage/frontend-test-utils';
import { ReactElement } from 'react';
import { SWRConfig } from 'swr';

export type ConsoleTestAppOptions = Omit<TestAppOptions, 'mountedRoutes'> & {
  /** Route refs of either frontend system, by the path they are mounted at. */
  mountedRoutes?: Record<string, RouteRef | TestAppMountedRoute>;
  /**
   * Renders the element as the new system's page mounts a legacy component:
   * inside `compatWrapper` and the React Router page adapter. A component
   * that brings its own (a `PluginPage`) does not need it.
   */
  asPage?: boolean;
};

type TestAppMountedRoute = NonNullable<TestAppOptions['mountedRoutes']>[string];

/** A fresh cache per render: SWR's global one lives as long as the file. */
const freshCache = () => new Map();

/**
 * Renders an element in a test app of the new frontend system, as
 * `renderInTestApp` of `@backstage/frontend-test-utils` does, with two
 * differences: legacy route refs may be mounted as they are, and the render
 * starts without the permission answers of an earlier render
 * (`usePermission` caches them in SWR's global cache otherwise, which forced
 * a test that denies into a file of its own).
 */
export function renderInTestApp(
  element: ReactElement,
  options: ConsoleTestAppOptions = {},
) {
  const { mountedRoutes, asPage, ...rest } = options;
  const inner = asPage
    ? compatWrapper(
        <ReactRouterV6PageRouter>{element}</ReactRouterV6PageRouter>,
      )
    : element;
  return renderInNewTestApp(
    <SWRConfig value={{ provider: freshCache }}>{inner}</SWRConfig>,
    {
      ...rest,
      mountedRoutes:
        mountedRoutes &&
        Object.fromEntries(
          Object.entries(mountedRoutes).map(([path, ref]) => [
            path,
            convertLegacyRouteRef(ref as RouteRef),
          ]),
        ),
    },
  );
}
