import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { screen, within } from '@testing-library/react';
import { ROLES } from '../../__testUtils__/fakes';
import { InviteDialog } from './InviteDialog';

describe('InviteDialog', () => {
  it('offers no roles to those who may not assign them, and says which they get', async () => {
    await renderInTestApp(
      <InviteDialog
        open
        roles={ROLES}
        canAssignRoles={false}
        onInvite={async () => {}}
        onClose={() => {}}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Invite a user' });
    expect(within(dialog).queryAllByRole('checkbox')).toEqual([]);
    expect(dialog).toHaveTextContent(
      'They get the default roles: you may not assign roles.',
    );
  });
});
