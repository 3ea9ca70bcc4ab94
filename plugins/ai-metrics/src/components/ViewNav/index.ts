export { ViewNav } from './ViewNav';
