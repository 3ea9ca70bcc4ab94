/**
 * Shared types and permissions of the ai-metrics plugin.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './types';
