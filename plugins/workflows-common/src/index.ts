/**
 * Shared types and permissions of the workflows plugin.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './types';
