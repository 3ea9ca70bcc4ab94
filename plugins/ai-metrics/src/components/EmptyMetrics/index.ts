export { EmptyMetrics, EMPTY_TITLE } from './EmptyMetrics';
