import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { AuditRecord } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditQuery, UserAdminApi } from '../../api';
import { fakeApi, responseError, testApis } from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { AuditPage } from './AuditPage';

const record = (
  overrides: Partial<AuditRecord> & { id: string },
): AuditRecord => ({
  at: '2026-01-12T08:00:00.000Z',
  actor: 'user:default/ada',
  action: 'user-disable',
  target: 'user:default/bob',
  outcome: 'success',
  ...overrides,
});

async function renderPage(
  impl: Partial<UserAdminApi>,
  url = '/user-admin/audit',
) {
  const api = fakeApi(impl);
  const result = await renderInTestApp(<AuditPage />, {
    apis: testApis(api),
    mountPath: '/user-admin/audit',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: [url],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { api, location };
}

const actions = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r).getAllByRole('cell')[1].textContent);

describe('AuditPage', () => {
  it('shows records with the action name, outcome in words and escaped details', async () => {
    await renderPage({
      listAudit: async () => ({
        items: [
          record({
            id: '3',
            action: 'user-roles-change',
            details: { from: ['viewer'], to: ['<script>alert(1)</script>'] },
          }),
          record({ id: '2', outcome: 'failure', details: { message: 'boom' } }),
        ],
      }),
    });
    const table = await screen.findByRole('table', { name: 'Audit records' });
    expect(within(table).getByText('user-roles-change')).toBeInTheDocument();
    expect(within(table).getByText('user-disable')).toBeInTheDocument();
    expect(within(table).getByText('Success')).toBeInTheDocument();
    expect(within(table).getByText('Failure')).toBeInTheDocument();
    expect(table).toHaveTextContent('"<script>alert(1)</script>"');
    expect(table.querySelector('script')).toBeNull();
    expect(
      screen.getByText(/2 records: the end of the audit log/),
    ).toBeInTheDocument();
  });

  it('keeps the filters in the URL and asks the API for them', async () => {
    const listAudit = jest.fn(async (_: AuditQuery) => ({
      items: [record({ id: '1' })],
    }));
    const { location } = await renderPage({ listAudit });
    await screen.findByRole('table', { name: 'Audit records' });
    expect(listAudit).toHaveBeenLastCalledWith({ limit: 50 });

    await userEvent.type(screen.getByLabelText('Actor'), 'user:default/ada');
    await userEvent.type(screen.getByLabelText('Action'), 'user-disable');
    await userEvent.type(screen.getByLabelText('Target'), 'user:default/bob');
    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-01-01T00:00' },
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );

    const from = new Date('2026-01-01T00:00').toISOString();
    await waitFor(() =>
      expect(
        Object.fromEntries(new URLSearchParams(location().search)),
      ).toEqual({
        actor: 'user:default/ada',
        action: 'user-disable',
        target: 'user:default/bob',
        from,
      }),
    );
    await waitFor(() =>
      expect(listAudit).toHaveBeenLastCalledWith({
        actor: 'user:default/ada',
        action: 'user-disable',
        target: 'user:default/bob',
        from,
        to: undefined,
        limit: 50,
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(location().search).toBe(''));
    expect(screen.getByLabelText('Actor')).toHaveValue('');
  });

  it('reads filters from the URL', async () => {
    const listAudit = jest.fn(async (_: AuditQuery) => ({ items: [] }));
    await renderPage(
      { listAudit },
      '/user-admin/audit?action=role-import&to=2026-02-01T00%3A00%3A00.000Z',
    );
    expect(
      await screen.findByText('No audit records match these filters.'),
    ).toBeInTheDocument();
    expect(listAudit).toHaveBeenCalledWith({
      actor: undefined,
      action: 'role-import',
      target: undefined,
      from: undefined,
      to: '2026-02-01T00:00:00.000Z',
      limit: 50,
    });
    expect(screen.getByLabelText('Action')).toHaveValue('role-import');
  });

  it('loads more with the cursor and appends the records', async () => {
    const listAudit = jest.fn(async (query: AuditQuery) =>
      query.cursor === '10'
        ? { items: [record({ id: '9', action: 'role-delete' })] }
        : {
            items: [
              record({ id: '11', action: 'role-create' }),
              record({ id: '10', action: 'role-update' }),
            ],
            nextCursor: '10',
          },
    );
    await renderPage({ listAudit });
    await screen.findByRole('table', { name: 'Audit records' });
    expect(actions()).toEqual(['role-create', 'role-update']);

    const more = screen.getByRole('button', { name: 'Load more' });
    more.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(actions()).toEqual(['role-create', 'role-update', 'role-delete']),
    );
    expect(listAudit).toHaveBeenLastCalledWith({ limit: 50, cursor: '10' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    await waitFor(() =>
      expect(
        screen.getByText(/3 records: the end of the audit log/),
      ).toHaveFocus(),
    );
  });

  it('says what failed loading more and retries', async () => {
    const listAudit = jest
      .fn()
      .mockResolvedValueOnce({ items: [record({ id: '2' })], nextCursor: '2' })
      .mockRejectedValueOnce(await responseError(503, 'database is down'))
      .mockResolvedValueOnce({
        items: [record({ id: '1', action: 'sign-in' })],
      });
    await renderPage({ listAudit });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load more audit records');
    expect(alert).toHaveTextContent('database is down');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(actions()).toEqual(['user-disable', 'sign-in']));
  });

  it('says "You may not" for a 403', async () => {
    await renderPage({
      listAudit: async () => {
        throw await responseError(403, 'user-admin.audit.read is denied');
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not read the audit log',
    );
  });
});
