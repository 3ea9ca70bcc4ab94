export { ExecutionFilters } from './ExecutionFilters';
