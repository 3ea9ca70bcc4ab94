/**
 * The console's demo for a newcomer (`console.demoData`): see README.md.
 */
export { demoDataPlugin } from './plugin';
export { catalogModuleDemoModels, workflowsModuleDemoModel } from './modules';
