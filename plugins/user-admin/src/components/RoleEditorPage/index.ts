export { RoleEditorPage } from './RoleEditorPage';
