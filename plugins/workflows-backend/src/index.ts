export { workflowsPlugin as default } from './plugin';
export {
  workflowTypesExtensionPoint,
  type WorkflowTypeRegistration,
  type WorkflowTypesExtensionPoint,
} from './extensions';
