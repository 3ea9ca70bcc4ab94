import { storeDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const { ids, freshStoreEach } = storeDatabases();

describe.each(ids)('KnexAuditStore on %p', databaseId => {
  const store = freshStoreEach(databaseId);
  it('keeps a record as given, the actor in lower case and long text cut', async () => {
    await store.audit.appendAudit({
      actor: 'User:Default/Ada',
      action: 'x'.repeat(100),
      target: 't'.repeat(300),
      outcome: 'failure',
      details: { reason: 'because', nested: { n: 1 } },
      at: Date.UTC(2026, 10, 26),
    });
    const { items, nextCursor } = await store.audit.listAudit({ limit: 10 });
    expect(items).toEqual([
      {
        id: expect.any(String),
        at: '2026-11-26T00:00:00.000Z',
        actor: 'user:default/ada',
        action: 'x'.repeat(64),
        target: 't'.repeat(255),
        outcome: 'failure',
        details: { reason: 'because', nested: { n: 1 } },
      },
    ]);
    expect(nextCursor).toBeUndefined();
  });

  it('filters, and pages newest first with a cursor', async () => {
    const at = (day: number) => Date.UTC(2026, 10, day);
    for (const [actor, action, day] of [
      ['user:default/ada', 'user-invite', 1],
      ['user:default/bea', 'user-invite', 2],
      ['user:default/ada', 'role-create', 3],
      ['user:default/ada', 'user-invite', 4],
    ] as const) {
      await store.audit.appendAudit({
        actor,
        action,
        target: 'user:default/x',
        outcome: 'success',
        at: at(day),
      });
    }
    const days = (items: Array<{ at: string }>) =>
      items.map(i => new Date(i.at).getUTCDate());

    const first = await store.audit.listAudit({
      actor: 'USER:default/ada',
      limit: 2,
    });
    expect(days(first.items)).toEqual([4, 3]);
    const second = await store.audit.listAudit({
      actor: 'user:default/ada',
      limit: 2,
      before: first.nextCursor,
    });
    expect(days(second.items)).toEqual([1]);
    expect(second.nextCursor).toBeUndefined();

    const invites = await store.audit.listAudit({
      action: 'user-invite',
      from: at(2),
      to: at(4),
      limit: 10,
    });
    expect(days(invites.items)).toEqual([4, 2]);
    expect(
      (await store.audit.listAudit({ target: 'user:default/y', limit: 10 }))
        .items,
    ).toEqual([]);
  });
});
