import { createPermission } from '@backstage/plugin-permission-common';

/** List and view console users. @public */
export const userReadPermission = createPermission({
  name: 'user-admin.user.read',
  attributes: { action: 'read' },
});

/** Invite (pre-register) users. @public */
export const userCreatePermission = createPermission({
  name: 'user-admin.user.create',
  attributes: { action: 'create' },
});

/** Edit, approve, disable and enable users. @public */
export const userUpdatePermission = createPermission({
  name: 'user-admin.user.update',
  attributes: { action: 'update' },
});

/** Delete users. @public */
export const userDeletePermission = createPermission({
  name: 'user-admin.user.delete',
  attributes: { action: 'delete' },
});

/** Read roles and their grants. @public */
export const roleReadPermission = createPermission({
  name: 'user-admin.role.read',
  attributes: { action: 'read' },
});

/** Create, change, delete, import and assign roles. @public */
export const roleManagePermission = createPermission({
  name: 'user-admin.role.manage',
  attributes: { action: 'update' },
});

/** See every user's sessions (a user always sees their own). @public */
export const sessionReadPermission = createPermission({
  name: 'user-admin.session.read',
  attributes: { action: 'read' },
});

/** Revoke any user's sessions (a user may always revoke their own). @public */
export const sessionRevokePermission = createPermission({
  name: 'user-admin.session.revoke',
  attributes: { action: 'delete' },
});

/** Query the audit log. @public */
export const auditReadPermission = createPermission({
  name: 'user-admin.audit.read',
  attributes: { action: 'read' },
});

/** Run the policy tester for any user or draft role. @public */
export const policyTestPermission = createPermission({
  name: 'user-admin.policy.test',
  attributes: { action: 'read' },
});

/** Every permission of the user-admin plugin. @public */
export const userAdminPermissions = [
  userReadPermission,
  userCreatePermission,
  userUpdatePermission,
  userDeletePermission,
  roleReadPermission,
  roleManagePermission,
  sessionReadPermission,
  sessionRevokePermission,
  auditReadPermission,
  policyTestPermission,
];
