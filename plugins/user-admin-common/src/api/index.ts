import { defineApi } from '@ai-ops-console/console-common';
import { internalOperations } from './internalOperations';
import { roleOperations } from './roleOperations';
import { userOperations } from './userOperations';

// The user-admin API, declared once: these schemas validate the requests and
// type the handlers of the backend's router, check its responses in tests,
// type the frontend's client and are the only source of the backend's
// openapi.yaml (scripts/openapi.cjs).

export const apiSpec = defineApi({
  pluginId: 'user-admin',
  description: [
    'Users, registration, sessions, roles and audit of the AI Ops Console.',
    'Every route needs a user or service token; the permission policy decides',
    'what a user may do. Query parameters and JSON bodies are validated',
    'strictly: an unknown query parameter or body property is refused with 400,',
    'as is a value outside its bounds, text holding control characters (tab',
    'and line breaks excepted; on the internal routes only NUL is refused), and',
    'a request without a JSON body (Content-Type: application/json) where the',
    'body is required. Bodies are at most 2 MB (413 beyond). Ids and names',
    'holding control characters name nothing (404). A 503 to a user token',
    'means its session cannot be verified right now (the revocation state is',
    'stale), a 503 with Retry-After that the database is unreachable: try',
    'again shortly. The routes under /internal (tag internal) serve the other',
    'plugins of the console only: service tokens of the auth and permission',
    'backends and the session guard of every plugin.',
  ].join(' '),
  operations: {
    ...userOperations,
    ...roleOperations,
    ...internalOperations,
  },
});

/** The declared user-admin API, for the types derived from it. @public */
export type UserAdminApiSpec = typeof apiSpec;
