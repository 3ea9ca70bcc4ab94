export { ExecutionActions } from './ExecutionActions';
