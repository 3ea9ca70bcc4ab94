export { HealthBanner } from './HealthBanner';
