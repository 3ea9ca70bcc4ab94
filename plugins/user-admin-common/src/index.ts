/**
 * Shared types, permissions and the role-based decision of the user-admin plugin.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './types';
export * from './policy';
export * from './builtInRoles';
