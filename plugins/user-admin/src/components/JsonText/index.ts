export { JsonText, toJsonText } from './JsonText';
