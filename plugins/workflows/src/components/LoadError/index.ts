export { LoadError, describeError, isUnavailable } from './LoadError';
