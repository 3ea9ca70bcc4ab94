export { FormattedTime } from './FormattedTime';
