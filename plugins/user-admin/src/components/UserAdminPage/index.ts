export { UserAdminPage } from './UserAdminPage';
