/**
 * Shared types, event schema and permissions of the ai-metrics plugin.
 *
 * @packageDocumentation
 */
export * from './events';
export * from './permissions';
export * from './types';
