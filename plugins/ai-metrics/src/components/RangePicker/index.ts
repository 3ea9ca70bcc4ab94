export { RangePicker } from './RangePicker';
