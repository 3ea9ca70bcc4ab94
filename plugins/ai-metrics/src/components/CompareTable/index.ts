export { CompareTable } from './CompareTable';
