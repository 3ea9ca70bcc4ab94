export { WidgetBoundary } from './WidgetBoundary';
