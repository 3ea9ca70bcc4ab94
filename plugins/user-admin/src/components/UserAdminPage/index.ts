export { UserAdminPage } from './UserAdminPage';
export { UserAdminSections } from './UserAdminSections';
