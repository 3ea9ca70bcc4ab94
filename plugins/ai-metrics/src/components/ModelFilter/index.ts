export { ModelFilter } from './ModelFilter';
