export { describeError, LoadError } from './LoadError';
