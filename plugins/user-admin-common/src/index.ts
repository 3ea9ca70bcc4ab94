/**
 * Shared types and permissions of the user-admin plugin.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './types';
