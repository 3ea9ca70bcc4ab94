export { FormDialog, FormDialogBody } from './FormDialog';
export type { FormDialogProps, FormDialogBodyProps } from './FormDialog';
