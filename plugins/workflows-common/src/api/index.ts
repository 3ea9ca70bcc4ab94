export { apiSpec, type WorkflowsApiSpec } from './operations';
