export { ExecutionListPage } from './ExecutionListPage';
