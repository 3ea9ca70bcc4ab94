export { DateTimeField, FilterActions, FilterForm } from './FilterForm';
