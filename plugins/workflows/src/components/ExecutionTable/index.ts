export { ExecutionTable } from './ExecutionTable';
