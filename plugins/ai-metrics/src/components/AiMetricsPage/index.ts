export { AiMetricsPage } from './AiMetricsPage';
