export { LoadError, describeError, isForbidden, messageOf } from './LoadError';
