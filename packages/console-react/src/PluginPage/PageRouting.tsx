import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { coreApis, useApiHolder } from '@backstage/frontend-plugin-api';
import {
  RoutingIntegration,
  RoutingProvider,
} from '@backstage/frontend-plugin-api/routing';
import { ReactNode, useContext } from 'react';
import {
  UNSAFE_NavigationContext,
  useLocation,
  useNavigate,
} from 'react-router-dom';

const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Navigation for `RouterLink` in the old frontend system, through the app's
 * React Router. Without it a link there would load the whole app again.
 * Route refs of the old system resolve to paths with the app's base path, so
 * a target may or may not carry it.
 */
function useReactRouterIntegration(): RoutingIntegration {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const base = useContext(UNSAFE_NavigationContext).basename.replace(
    /\/+$/,
    '',
  );
  const withoutBase = (to: string) => {
    if (!base || !to.startsWith(base)) return to;
    const rest = to.slice(base.length);
    if (rest === '') return '/';
    return /^[/?#]/.test(rest) ? rest : to;
  };
  return {
    createHref(to) {
      if (EXTERNAL.test(to)) return to;
      if (to === '' || /^[?#]/.test(to)) return `${base}${pathname}${to}`;
      return `${base}${withoutBase(to)}`;
    },
    navigate(to, options) {
      navigate(withoutBase(to), options);
    },
    pathname: `${base}${pathname}`,
  };
}

/**
 * Routing context for a plugin's page in either frontend system: the React
 * Router v6 adapter scoped to the page in the new system (it renders its
 * children untouched in the old one), and React Router navigation for links
 * in the old system, where there is no app history.
 */
export function PageRouting(props: { children: ReactNode }) {
  const appHistory = useApiHolder().get(coreApis.appHistory);
  const page = (
    <ReactRouterV6PageRouter>{props.children}</ReactRouterV6PageRouter>
  );
  if (appHistory) return page;
  return (
    <RoutingProvider useRoutingIntegration={useReactRouterIntegration}>
      {page}
    </RoutingProvider>
  );
}
