export { ExecutionDetailPage } from './ExecutionDetailPage';
