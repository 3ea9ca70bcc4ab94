/**
 * The workflows backend plugin. Its extension points (workflow types, model
 * adapters) are in `@ai-ops-console/backstage-plugin-workflows-node`.
 *
 * @packageDocumentation
 */
export { workflowsPlugin as default } from './plugin';
