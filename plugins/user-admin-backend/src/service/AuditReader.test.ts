import { NotAllowedError } from '@backstage/errors';
import { auditReadPermission } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { freshServicesEach } from '../__testUtils__/services';

const h = freshServicesEach();

describe('AuditReader', () => {
  it('shows the audit log, by the query, only to holders of audit.read', async () => {
    for (const action of ['user-invite', 'role-create']) {
      await h.store.audit.appendAudit({
        actor: 'user:default/root',
        action,
        outcome: 'success',
      });
    }
    const caller = h.as('user:default/ada');
    const query = { action: 'role-create', limit: 10 };
    await expect(h.auditReader.list(caller, query)).rejects.toThrow(
      NotAllowedError,
    );
    h.grant(auditReadPermission);
    const { items } = await h.auditReader.list(caller, query);
    expect(items.map(a => a.action)).toEqual(['role-create']);
  });
});
