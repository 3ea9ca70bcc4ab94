export { FormattedTime } from './FormattedTime';
export {
  formatDateTime,
  formatTimestamp,
  fromLocalInput,
  toLocalInput,
} from './time';
