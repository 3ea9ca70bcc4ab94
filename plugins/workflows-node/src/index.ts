/**
 * What a backend module needs to extend the workflows plugin: the extension
 * points for workflow types and model adapters, and their types.
 *
 * @packageDocumentation
 */
export * from './workflowTypes';
export * from './models';
