import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { screen, within } from '@testing-library/react';
import { ROLES, user } from '../../__testUtils__/fakes';
import { UserTable } from './UserTable';

const ADA = user({ id: 'ada', roles: ['admin'] });
const PAT = user({ id: 'pat', status: 'pending' });
const QUERY = { sort: 'name', order: 'asc', limit: 25, offset: 0 } as const;

// The table takes what is allowed as props and asks nothing itself.
describe('UserTable', () => {
  const renderTable = (
    allowed: { status: boolean; roles: boolean; delete: boolean },
    sessions = false,
  ) =>
    renderInTestApp(
      <UserTable
        users={[ADA, PAT]}
        total={2}
        query={QUERY}
        roles={ROLES}
        allowed={allowed}
        sessionsHref={sessions ? () => '/sessions' : undefined}
        onQueryChange={() => {}}
        onAction={() => {}}
      />,
    );

  it('has no Actions column when no row action is allowed', async () => {
    await renderTable({ status: false, roles: false, delete: false });
    const ada = (await screen.findByRole('rowheader', { name: 'Ada' })).closest(
      'tr',
    )!;
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    // as many cells in a row as there are headers
    expect(screen.getAllByRole('columnheader')).toHaveLength(7);
    expect(within(ada).getAllByRole('cell')).toHaveLength(6);
    expect(screen.queryAllByRole('button', { name: /ada@/ })).toEqual([]);
  });

  it('offers status changes without Edit roles to those who may not manage roles', async () => {
    await renderTable({ status: true, roles: false, delete: false });
    const pat = (await screen.findByRole('rowheader', { name: 'Pat' })).closest(
      'tr',
    )!;
    expect(
      screen.getByRole('columnheader', { name: 'Actions' }),
    ).toBeInTheDocument();
    expect(
      within(pat).getByRole('button', { name: 'Approve pat@console.example' }),
    ).toBeInTheDocument();
    expect(
      within(pat).getByRole('button', { name: 'Disable pat@console.example' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit roles/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
  });

  it('offers only Delete to those who may only delete', async () => {
    await renderTable({ status: false, roles: false, delete: true });
    const ada = (await screen.findByRole('rowheader', { name: 'Ada' })).closest(
      'tr',
    )!;
    expect(
      within(ada)
        .getAllByRole('button')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual(['Delete ada@console.example']);
  });
});
