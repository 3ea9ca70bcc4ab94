export { BatchActions } from './BatchActions';
