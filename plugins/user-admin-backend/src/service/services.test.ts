import {
  userCreatePermission,
  userReadPermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { freshServicesEach } from '../__testUtils__/services';

const h = freshServicesEach();

describe('createServices', () => {
  it('announces changes of users and roles as policy changes, of sessions as revocations', async () => {
    h.grant(userCreatePermission);
    await h.users.invite(h.as('user:default/root'), { email: 'a@example.com' });
    expect(h.notifyPolicyChange).toHaveBeenCalledTimes(1);
    expect(h.notifyRevocation).not.toHaveBeenCalled();

    await h.sessions.revokeAll(h.as('user:default/ada'), 'user:default/ada');
    expect(h.notifyRevocation).toHaveBeenCalledTimes(1);
    expect(h.notifyPolicyChange).toHaveBeenCalledTimes(1);
  });

  it('gives every service the same store: an invitation is claimed at sign-in', async () => {
    h.grant(userCreatePermission, userReadPermission);
    const root = h.as('user:default/root');
    const invited = await h.users.invite(root, { email: 'ivy@example.com' });
    const signedIn = await h.signIn.signIn({
      provider: 'oidc',
      subject: 'ivy-sub',
      email: 'ivy@example.com',
      emailVerified: true,
      kind: 'login',
      sessionKey: 'ivy-login-0123456789',
    });
    expect(signedIn.userRef).toBe(invited.userRef);
    expect(await h.users.getUser(root, invited.id)).toMatchObject({
      status: 'active',
    });
    const sessions = await h.sessions.listSessions(h.as(invited.userRef), {
      userRef: invited.userRef,
      limit: 10,
      offset: 0,
    });
    expect(sessions.total).toBe(1);
  });
});
