/**
 * What every AI Ops Console frontend plugin shares.
 *
 * @packageDocumentation
 */

export * from './ConfirmDialog';
export * from './ErrorNotice';
export * from './FilterForm';
export * from './FormattedTime';
export * from './FormDialog';
export * from './PluginPage';
export * from './pluginWiring';
export * from './StatusChip';
export * from './WidgetBoundary';
