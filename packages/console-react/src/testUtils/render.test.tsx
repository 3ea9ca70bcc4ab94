import { createPermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { fakePermissions, renderInTestApp } from '.';

const readPermission = createPermission({
  name: 'thing.read',
  attributes: { action: 'read' },
});

function Decision() {
  const { loading, allowed } = usePermission({ permission: readPermission });
  if (loading) return null;
  return <p>{allowed ? 'allowed' : 'denied'}</p>;
}

describe('renderInTestApp', () => {
  // the two renders ask the same question: the second must not get the
  // first one's answer from a cache
  it.each([
    ['allowed', true],
    ['denied', false],
    ['allowed', true],
  ])('shows %s when the permission API says so', async (shown, allow) => {
    const permissions = fakePermissions(() => allow);
    renderInTestApp(<Decision />, {
      apis: [[permissionApiRef, permissions]],
    });
    expect(await screen.findByText(shown)).toBeInTheDocument();
    expect(permissions.asked).toEqual(['thing.read']);
  });
});
