export { ErrorRateBadge } from './ErrorRateBadge';
