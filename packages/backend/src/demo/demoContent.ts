// What the demo consists of: the dev IdP's users with the built-in roles,
// and the two models its metrics, workflows and catalog entities are about.

/** The local model built into the workflows plugin. */
export const LOCAL_MODEL = 'local-sentiment';
/** The demo's own, slower model (KeywordSentimentModel). */
export const KEYWORD_MODEL = 'keyword-sentiment';
export const DEMO_MODELS = [LOCAL_MODEL, KEYWORD_MODEL] as const;
export type DemoModel = (typeof DEMO_MODELS)[number];

/** The provider recorded with the demo models' metrics, as the workflows plugin records its local model. */
export const DEMO_PROVIDER = 'ai-ops-console';

/**
 * Who owns each model in the catalog: the viewer (group ml-team at the dev
 * IdP) reads the metrics of local-sentiment only.
 */
export const MODEL_OWNERS: Record<DemoModel, string> = {
  [LOCAL_MODEL]: 'group:default/ml-team',
  [KEYWORD_MODEL]: 'group:default/platform-team',
};

/**
 * The dev IdP's users (packages/dev-idp), invited with the built-in roles:
 * each becomes active at their first sign-in with a verified e-mail, as
 * user:default/<username>.
 */
export const DEMO_USERS = [
  {
    username: 'admin',
    email: 'admin@console.example',
    displayName: 'Ada Admin',
    roles: ['admin'],
  },
  {
    username: 'operator',
    email: 'operator@console.example',
    displayName: 'Otto Operator',
    roles: ['operator'],
  },
  {
    username: 'viewer',
    email: 'viewer@console.example',
    displayName: 'Vera Viewer',
    roles: ['viewer'],
  },
];
