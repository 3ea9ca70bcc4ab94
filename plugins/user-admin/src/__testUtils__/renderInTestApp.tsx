import {
  ConsoleTestAppOptions,
  renderInTestApp as renderInConsoleTestApp,
} from '@ai-ops-console/console-react/testUtils';
import { ReactElement } from 'react';

/**
 * Renders a component of this plugin as it runs inside `UserAdminPage` in the
 * new frontend system (inside `compatWrapper` and the React Router page
 * adapter that `PluginPage` brings), with a fresh permission cache per render.
 */
export const renderInTestApp = (
  element: ReactElement,
  options: ConsoleTestAppOptions = {},
) => renderInConsoleTestApp(element, { ...options, asPage: true });
