export { TopModels } from './TopModels';
