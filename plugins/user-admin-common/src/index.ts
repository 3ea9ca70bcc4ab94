/**
 * The user-admin API contract (operations, their schemas, the wire types
 * inferred from them), permissions and the role-based decision, shared by the
 * backend, the frontend and other callers.
 *
 * @packageDocumentation
 */
export { apiSpec as userAdminApiSpec, type UserAdminApiSpec } from './api';
export { hasControlCharacters } from './api/text';
export * from './permissions';
export * from './types';
export * from './policy';
export * from './builtInRoles';
