/**
 * The ai-metrics API contract (operations, event schema, answer types) and
 * permissions, shared by the backend, the frontend and other callers.
 *
 * @packageDocumentation
 */
export { apiSpec as aiMetricsApiSpec } from './api';
export * from './events';
export * from './permissions';
export * from './types';
