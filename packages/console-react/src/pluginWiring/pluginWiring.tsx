import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
  type ApiRef,
  type DiscoveryApi,
  type FetchApi,
  type RouteRef as LegacyRouteRef,
} from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  coreApis,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import type { ComponentType, ReactElement } from 'react';

/**
 * A plugin's API client: every console client talks to its backend through
 * the app's discovery and fetch APIs, and takes nothing else.
 *
 * @public
 */
export type ConsoleClientConstructor<T> = new (options: {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}) => T;

/**
 * The client's factory for the old frontend system (`createPlugin`'s
 * `apis`).
 *
 * @public
 */
export function createConsoleClientApiFactory<T>(options: {
  api: ApiRef<T>;
  client: ConsoleClientConstructor<T>;
}) {
  const { api, client: Client } = options;
  return createApiFactory({
    api,
    deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
    factory: ({ discoveryApi, fetchApi }) =>
      new Client({ discoveryApi, fetchApi }),
  });
}

/**
 * The client as an API extension of the new frontend system, built the same
 * way as {@link createConsoleClientApiFactory}, so both systems give the
 * components the same client.
 *
 * @public
 */
export function consoleClientApiExtension<T>(options: {
  api: ApiRef<T>;
  client: ConsoleClientConstructor<T>;
}) {
  const { api, client: Client } = options;
  return ApiBlueprint.make({
    params: defineParams =>
      defineParams({
        api,
        deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
        factory: ({ discoveryApi, fetchApi }) =>
          new Client({ discoveryApi, fetchApi }),
      }),
  });
}

/**
 * A plugin's page for the new frontend system, from the page component the
 * old system mounts. The page shell draws the header (the title as the
 * page's h1), so the page is rendered with `header={false}`; compatWrapper
 * lets the components' core-plugin-api hooks resolve routes in the new app.
 *
 * @public
 */
export function consoleCompatPageExtension(options: {
  path: string;
  title: string;
  icon: ReactElement;
  routeRef: LegacyRouteRef;
  loadPage: () => Promise<ComponentType<{ header?: boolean }>>;
}) {
  const { path, title, icon, routeRef, loadPage } = options;
  return PageBlueprint.make({
    params: {
      path,
      title,
      icon,
      routeRef: convertLegacyRouteRef(routeRef),
      loader: () =>
        loadPage().then(Page => compatWrapper(<Page header={false} />)),
    },
  });
}
