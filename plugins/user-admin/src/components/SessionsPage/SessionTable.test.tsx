import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { screen, within } from '@testing-library/react';
import { session } from '../../__testUtils__/fakes';
import { SessionTable } from './SessionTable';

const BOBS = session({ id: 'b1', userRef: 'user:default/bob' });
const QUERY = { activeOnly: false, limit: 25, offset: 0 };

describe('SessionTable', () => {
  it('has no Actions column when none of its sessions may be revoked', async () => {
    await renderInTestApp(
      <SessionTable
        sessions={[BOBS]}
        total={1}
        query={QUERY}
        onQueryChange={() => {}}
        mayRevoke={() => false}
        onRevoke={() => {}}
      />,
    );
    const row = (
      await screen.findByRole('rowheader', { name: 'user:default/bob' })
    ).closest('tr')!;
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.getAllByRole('columnheader')).toHaveLength(6);
    expect(within(row).getAllByRole('cell')).toHaveLength(5);
    expect(screen.queryByRole('button', { name: /^Revoke/ })).toBeNull();
  });
});
