export { StartWorkflowPage } from './StartWorkflowPage';
