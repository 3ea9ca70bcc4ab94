/**
 * Shared types, permissions and the API contract of the workflows plugin.
 *
 * @packageDocumentation
 */
export { apiSpec as workflowsApiSpec, type WorkflowsApiSpec } from './api';
export * from './permissions';
export * from './types';
