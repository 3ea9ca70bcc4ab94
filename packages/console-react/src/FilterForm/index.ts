export { DateTimeField, FilterActions, FilterForm } from './FilterForm';
export { DateRangeFields, useLocalDateRange } from './DateRangeFields';
export type { IsoRange, LocalDateRange } from './DateRangeFields';
