export { StatusChip } from './StatusChip';
export type { StatusChipProps, StatusColor } from './StatusChip';
