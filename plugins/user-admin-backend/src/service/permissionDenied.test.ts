import { NotAllowedError } from '@backstage/errors';
import { freshServicesEach } from '../__testUtils__/services';

// Refused attempts to change something are audited as every console backend
// audits them: a failed permission-denied event of Backstage's auditor with
// the actor and the permission, kept in the audit log with the permission as
// its target.
const VERA = 'user:default/vera';

describe('refused changes in user-admin', () => {
  const h = freshServicesEach();

  it.each([
    [
      'an invitation',
      () => h.users.invite(h.as(VERA), { email: 'ivy@example.com' }),
      'user-admin.user.create',
    ],
    [
      'a role',
      () =>
        h.roles.createRole(h.as(VERA), {
          name: 'sneaky',
          title: 'Sneaky',
          description: '',
          grants: [],
          members: [],
        }),
      'user-admin.role.manage',
    ],
    [
      "someone else's sessions",
      () => h.sessions.revokeAll(h.as(VERA), 'user:default/otto'),
      'user-admin.session.revoke',
    ],
  ])(
    'audits refusing %s as permission-denied, naming the actor and the permission',
    async (_, attempt, permission) => {
      await expect(attempt()).rejects.toThrow(NotAllowedError);
      const denied = h.auditor.createEvent.mock.calls
        .map(([event]) => event)
        .filter(event => event.eventId === 'permission-denied');
      expect(denied).toEqual([
        {
          eventId: 'permission-denied',
          severityLevel: 'medium',
          meta: { actor: VERA, permission },
        },
      ]);
      const { items } = await h.store.audit.listAudit({
        action: 'permission-denied',
        limit: 10,
      });
      expect(items).toEqual([
        expect.objectContaining({
          actor: VERA,
          target: permission,
          outcome: 'failure',
        }),
      ]);
    },
  );
});
