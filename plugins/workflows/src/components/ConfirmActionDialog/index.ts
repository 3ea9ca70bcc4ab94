export { ConfirmActionDialog } from './ConfirmActionDialog';
export type { ConfirmActionDialogProps } from './ConfirmActionDialog';
