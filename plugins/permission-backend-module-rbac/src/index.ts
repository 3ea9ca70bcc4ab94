/***/
/**
 * The rbac backend module for the permission plugin.
 *
 * @packageDocumentation
 */

export { permissionModuleRbac as default } from './module';
