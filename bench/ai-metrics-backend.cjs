// A backend with only the ai-metrics plugin (and Backstage's core services), for
// bench/ai-metrics-ingest.mjs: no other plugin's work or file watching skews the figures.
// The plugin's TypeScript is compiled on load by the Backstage CLI's node transform:
//   node --require @backstage/cli-node/config/nodeTransform.cjs bench/ai-metrics-backend.cjs \
//     --config app-config.yaml --config <file with backend.database (PostgreSQL), a port and
//     backend.auth.externalAccess: [{ type: static, options: { token, subject } }]>
// Without permission.enabled the permissions service allows everything.
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(
  require('@ai-ops-console/backstage-plugin-ai-metrics-backend').default,
);
backend.start();
