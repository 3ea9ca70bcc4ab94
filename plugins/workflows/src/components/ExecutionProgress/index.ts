export { ExecutionProgress } from './ExecutionProgress';
