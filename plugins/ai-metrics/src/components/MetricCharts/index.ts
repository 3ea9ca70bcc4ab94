export { MetricCharts } from './MetricCharts';
