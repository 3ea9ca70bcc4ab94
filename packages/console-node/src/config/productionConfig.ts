import {
  coreServices,
  createBackendPlugin,
  RootConfigService,
} from '@backstage/backend-plugin-api';

/**
 * Where the console's own production config (app-config.production.yaml)
 * reads each secret from, so that a problem names the variable to set.
 */
const VARIABLES: Record<string, string> = {
  'auth.session.secret': 'AUTH_SESSION_SECRET',
  'backend.auth.keys': 'BACKEND_SECRET',
  'app.baseUrl': 'APP_BASE_URL',
  'backend.baseUrl': 'BACKEND_BASE_URL',
};

const DEVELOPMENT_SECRETS = new Set(['development-only-session-secret']);
const LOOPBACK = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

function missing(key: string) {
  const variable = VARIABLES[key];
  return `${key} is not set${variable ? `: set ${variable}` : ''}`;
}

function originOf(url: string | undefined) {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * What makes a config unfit to run in production: missing secrets, known
 * development values, and settings that only development should have (the
 * guest provider, a provider's `development` environment, a CORS origin on
 * loopback that is not the app, a CSP that lets the page talk to any host,
 * the guest as break-glass admin, an in-memory database, search attributes
 * added at runtime). Each problem
 * names the key and, for the console's own production config, the
 * variable to set.
 */
export function productionConfigProblems(config: RootConfigService): string[] {
  const problems: string[] = [];

  const sessionSecret = config.getOptionalString('auth.session.secret');
  if (!sessionSecret) problems.push(missing('auth.session.secret'));
  else if (DEVELOPMENT_SECRETS.has(sessionSecret) || sessionSecret.length < 24)
    problems.push(
      'auth.session.secret is a development value or shorter than 24 characters: set AUTH_SESSION_SECRET to a long random value',
    );

  const keys = config.getOptionalConfigArray('backend.auth.keys') ?? [];
  if (!keys.some(k => (k.getOptionalString('secret') ?? '').length > 0)) {
    problems.push(missing('backend.auth.keys'));
  }
  for (const key of ['app.baseUrl', 'backend.baseUrl']) {
    if (!config.getOptionalString(key)) problems.push(missing(key));
  }

  if (config.getOptionalString('auth.environment') !== 'production') {
    problems.push(
      `auth.environment is "${
        config.getOptionalString('auth.environment') ?? 'development'
      }": set it to production`,
    );
  }
  const providers = config.getOptionalConfig('auth.providers');
  for (const id of providers?.keys() ?? []) {
    if (id === 'guest') {
      problems.push(
        'auth.providers.guest is configured: guest sign-in is for development only',
      );
      continue;
    }
    if (providers!.getOptionalConfig(id)?.has('development')) {
      problems.push(
        `auth.providers.${id}.development is configured: production must not load the development config (app-config.yaml)`,
      );
    }
  }

  const app = originOf(config.getOptionalString('app.baseUrl'));
  for (const origin of asList(config.getOptional('backend.cors.origin'))) {
    if (origin === '*' || (LOOPBACK.test(origin) && origin !== app)) {
      problems.push(
        `backend.cors.origin allows ${origin}, which is not the app (${
          app ?? 'app.baseUrl'
        })`,
      );
    }
  }
  const connect = asList(config.getOptional('backend.csp.connect-src'));
  const open = connect.filter(s => ['http:', 'https:', '*'].includes(s));
  if (open.length > 0) {
    problems.push(
      `backend.csp.connect-src allows any host (${open.join(
        ', ',
      )}): list the hosts the app talks to, or only 'self'`,
    );
  }

  const admins = config.getOptionalStringArray('permission.rbac.admins') ?? [];
  if (
    admins.some(a =>
      a.toLocaleLowerCase('en-US').startsWith('user:development/'),
    )
  ) {
    problems.push(
      'permission.rbac.admins lists a development user (user:development/guest)',
    );
  }
  // Temporal's TLS, mTLS and API key are optional (a cluster on a private
  // network may not use them); adding search attributes at runtime is not
  if (
    config.getOptionalBoolean('workflows.temporal.registerSearchAttributes')
  ) {
    problems.push(
      'workflows.temporal.registerSearchAttributes is true: production namespaces get their search attributes once from an operator (scripts/temporal-setup.sh, docs/operator-guide.md)',
    );
  }
  const client = config.getOptionalString('backend.database.client');
  if (
    client === 'better-sqlite3' &&
    config.getOptional('backend.database.connection') === ':memory:'
  ) {
    problems.push(
      'backend.database is SQLite in memory: data would be lost on restart, and replicas could not share it',
    );
  }
  return problems;
}

/**
 * Refuses to start a production backend (NODE_ENV=production) whose config
 * has any of the problems above: better than a console that runs on a
 * public session secret or the development sign-in.
 *
 * @public
 */
export const productionConfigCheckPlugin = createBackendPlugin({
  pluginId: 'console-config-check',
  register(env) {
    env.registerInit({
      deps: { config: coreServices.rootConfig },
      async init({ config }) {
        if (process.env.NODE_ENV !== 'production') return;
        const problems = productionConfigProblems(config);
        if (problems.length > 0) {
          throw new Error(
            `the configuration is not fit for production:\n  - ${problems.join(
              '\n  - ',
            )}`,
          );
        }
      },
    });
  },
});
