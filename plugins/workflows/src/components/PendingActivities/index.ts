export { PendingActivities } from './PendingActivities';
