import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createPermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { actorOf, AuditRecord, AuditTrail } from './AuditTrail';

const cancel = createPermission({
  name: 'thing.cancel',
  attributes: { action: 'update' },
  resourceType: 'thing',
});
const ALICE = mockCredentials.user('user:default/alice');
const request = { method: 'POST', url: '/things/run-1/cancel' } as Request;

function trail() {
  const auditor = mockServices.auditor.mock();
  const records: AuditRecord[] = [];
  const audit = new AuditTrail({
    auditor,
    recorder: async record => {
      records.push(record);
    },
  });
  const event = async (i = 0) => auditor.createEvent.mock.results[i].value;
  return { audit, auditor, records, event };
}

describe('AuditTrail', () => {
  it.each([
    ['a user', ALICE, 'user:default/alice'],
    [
      'a service',
      mockCredentials.service('plugin:workflows'),
      'plugin:workflows',
    ],
    ['nobody', mockCredentials.none(), 'unknown'],
  ])('names %s as the actor', (_, credentials, actor) => {
    expect(actorOf(credentials)).toBe(actor);
  });

  it('opens the event before the action and closes it with the chosen outcome', async () => {
    const { audit, auditor, records, event } = trail();
    const result = await audit.run(
      {
        eventId: 'thing-cancel',
        credentials: ALICE,
        request,
        permission: cancel,
        resourceRef: 'run-1',
        details: { reason: 'wrong version' },
        outcome: r => ({ runId: r.runId }),
      },
      async () => {
        expect(auditor.createEvent).toHaveBeenCalledTimes(1);
        return { runId: 'r-1', body: 'not for the audit' };
      },
    );
    expect(result.runId).toBe('r-1');
    // the meta shape of every console event
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'thing-cancel',
      request,
      severityLevel: 'medium',
      meta: {
        reason: 'wrong version',
        actor: 'user:default/alice',
        permission: 'thing.cancel',
        resourceRef: 'run-1',
      },
    });
    expect((await event()).success).toHaveBeenCalledWith({
      meta: { runId: 'r-1' },
    });
    expect(records).toEqual([
      {
        eventId: 'thing-cancel',
        actor: 'user:default/alice',
        permission: 'thing.cancel',
        resourceRef: 'run-1',
        severityLevel: 'medium',
        outcome: 'success',
        details: { reason: 'wrong version', runId: 'r-1' },
      },
    ]);
  });

  it('fails the event with the error of a refused or failing action, and rethrows it', async () => {
    const { audit, records, event } = trail();
    const refused = new Error('you may not use thing.cancel on run-1');
    await expect(
      audit.run(
        { eventId: 'thing-cancel', credentials: ALICE, severityLevel: 'high' },
        async () => {
          throw refused;
        },
      ),
    ).rejects.toBe(refused);
    expect((await event()).fail).toHaveBeenCalledWith({ error: refused });
    expect(records).toEqual([
      expect.objectContaining({
        outcome: 'failure',
        severityLevel: 'high',
        message: refused.message,
      }),
    ]);
  });

  it('records a denial as a failed permission-denied event of medium severity', async () => {
    const { audit, auditor, records } = trail();
    await audit.denied({
      credentials: ALICE,
      permission: cancel,
      resourceRef: 'run-1',
    });
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'permission-denied',
      severityLevel: 'medium',
      meta: {
        actor: 'user:default/alice',
        permission: 'thing.cancel',
        resourceRef: 'run-1',
      },
    });
    expect(records).toEqual([
      {
        eventId: 'permission-denied',
        actor: 'user:default/alice',
        permission: 'thing.cancel',
        resourceRef: 'run-1',
        severityLevel: 'medium',
        outcome: 'failure',
        message: 'refused: thing.cancel',
      },
    ]);
  });

  it.each([
    ['details', { details: { token: 'tkn', reason: 'r' } }, undefined],
    [
      'nested details',
      {
        details: {
          headers: { Authorization: 'Bearer x', cookie: 'c' },
          reason: 'r',
        },
      },
      undefined,
    ],
    [
      'the outcome',
      { details: { reason: 'r' } },
      { clientSecret: 's', apiKey: 'k', password: 'p', count: 1 },
    ],
  ])('never carries a secret in %s', async (_, event, outcome) => {
    const { audit, auditor, records, event: opened } = trail();
    await audit.run(
      {
        eventId: 'thing-update',
        credentials: ALICE,
        ...event,
        outcome: () => outcome ?? {},
      },
      async () => undefined,
    );
    const written = JSON.stringify([
      auditor.createEvent.mock.calls,
      (await opened()).success.mock.calls,
      records,
    ]);
    expect(written).not.toMatch(/tkn|Bearer|"c"|"s"|"k"|"p"/);
    expect(written).toMatch(/"reason":"r"/);
  });

  it('keeps actor, permission and resource from the credentials and the check, whatever details say', async () => {
    const { audit, auditor } = trail();
    await audit.note(
      {
        eventId: 'sign-in-refused',
        credentials: ALICE,
        permission: cancel,
        details: { actor: 'user:default/mallory', permission: 'none' },
      },
      { error: new Error('refused') },
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        severityLevel: 'low',
        meta: { actor: 'user:default/alice', permission: 'thing.cancel' },
      }),
    );
  });
});
