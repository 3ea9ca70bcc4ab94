export { MetricChart } from './MetricChart';
export type { ChartLine } from './MetricChart';
