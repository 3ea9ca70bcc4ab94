export { userAdminPlugin as default } from './plugin';
