export { PageRouting } from './PageRouting';
