export { workflowsPlugin as default } from './plugin';
