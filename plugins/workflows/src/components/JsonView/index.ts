export { JsonView, toJsonText } from './JsonView';
