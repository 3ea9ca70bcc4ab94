import { createBackend } from '@backstage/backend-defaults';
import {
  consoleRootHttpRouterServiceFactory,
  consoleRootLoggerServiceFactory,
  createRemotePluginsCheckPlugin,
  productionConfigCheckPlugin,
} from '@ai-ops-console/console-node';
import {
  consoleAuditorServiceFactory,
  authModuleConsoleGithub,
  authModuleConsoleOidc,
  httpAuthWithSessionGuard,
} from '@ai-ops-console/backstage-plugin-user-admin-backend';
import {
  catalogModuleDemoModels,
  demoDataPlugin,
  workflowsModuleDemoModel,
} from './demo';

const backend = createBackend();

// Backstage's root HTTP router and logger with the console's additions: a
// request id on every request and log line (JSON in production), HTTP
// metrics per plugin and route, the cross-site check for cookie-carrying
// requests, extra security headers (see packages/console-node).
backend.add(consoleRootHttpRouterServiceFactory);
backend.add(consoleRootLoggerServiceFactory);

// With NODE_ENV=production, refuse to start on a config with a missing
// secret or a development value (the message names the variable to set).
backend.add(productionConfigCheckPlugin);

// Every plugin's httpAuth refuses revoked sessions, users logged out
// everywhere and disabled users (see plugins/user-admin-backend).
backend.add(httpAuthWithSessionGuard);

// Every plugin's audit events also go to user-admin's audit log (over the
// events bus, so a worker's too): one audit page for the whole console.
backend.add(consoleAuditorServiceFactory);

// CONSOLE_ROLE=worker runs only the workflows plugin, whose Temporal worker
// then scales apart from the portal (see docs/operator-guide.md).
if (process.env.CONSOLE_ROLE === 'worker') {
  // The plugins a worker calls live on the API replicas
  // (app-config.worker.yaml sends them there): refuse to start while
  // discovery resolves them to this process, whose 404 would fail every
  // metric record and session-guard poll.
  backend.add(
    createRemotePluginsCheckPlugin({
      pluginIds: ['ai-metrics', 'user-admin', 'auth', 'permission'],
      hint: 'load app-config.worker.yaml with CONSOLE_API_URL set to the API replicas',
    }),
  );
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));
  backend.add(import('@ai-ops-console/backstage-plugin-workflows-backend'));
  // the demo's model, for the demo's executions this worker may run
  backend.add(workflowsModuleDemoModel);
} else {
  backend.add(import('@backstage/plugin-app-backend'));

  // Identity: guest in development (refused when NODE_ENV is production);
  // OIDC and GitHub through the console's resolver (registration, approval,
  // sessions, revocation): no provider signs anyone in around the console
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(authModuleConsoleOidc);
  backend.add(authModuleConsoleGithub);

  // Users and groups for sign-in resolution and ownership
  backend.add(import('@backstage/plugin-catalog-backend'));

  // Permission framework with the console's RBAC policy
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(
    import('@ai-ops-console/backstage-plugin-permission-backend-module-rbac'),
  );

  // Live updates to the browser; the events backend carries them between replicas
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));

  // The console's own plugins
  backend.add(import('@ai-ops-console/backstage-plugin-workflows-backend'));
  backend.add(import('@ai-ops-console/backstage-plugin-ai-metrics-backend'));
  backend.add(import('@ai-ops-console/backstage-plugin-user-admin-backend'));

  // What a newcomer sees at the first start of an empty console, when
  // console.demoData.enabled (app-config.yaml only): users, a day of
  // metrics, workflows, seeded once through the plugins' APIs (src/demo)
  backend.add(demoDataPlugin);
  backend.add(workflowsModuleDemoModel);
  backend.add(catalogModuleDemoModels);
}

// A start that failed ends the process (each plugin's error is logged
// above): Backstage would otherwise keep it running, never ready, where a
// supervisor waits for an exit to restart it.
backend.start().catch(error => {
  process.stderr.write(`the backend did not start: ${error?.message}\n`);
  process.exit(1);
});
