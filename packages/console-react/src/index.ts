/**
 * What every AI Ops Console frontend plugin shares.
 *
 * @packageDocumentation
 */

export * from './ConfirmDialog';
export * from './FormDialog';
export * from './StatusChip';
