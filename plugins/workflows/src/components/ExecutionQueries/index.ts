export { ExecutionQueries } from './ExecutionQueries';
