export { aiMetricsPlugin as default } from './plugin';
