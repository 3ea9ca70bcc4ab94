export { PolicyTesterPage } from './PolicyTesterPage';
