import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  detail,
  fakeApi,
  fakePermissions,
  TYPES,
  testApis,
} from '../../__testUtils__/fakes';
import { ExecutionActions } from './ExecutionActions';

const promotion = TYPES[1];
const OLIVIA = 'user:default/olivia';
const OSCAR = 'user:default/oscar';
const APPROVE = 'workflows.promotion.approve';
const SIGNAL = 'workflows.execution.signal';

// Four eyes in the UI: Approve and Reject show only to a user other than the
// starter who holds the approve permission; the others are told why they do
// not see them. The backend refuses the same (router.approval.test.ts).
describe('ExecutionActions on a promotion', () => {
  it.each([
    // [who, reader, permissions, shown, note]
    ['another operator', OSCAR, [APPROVE, SIGNAL], true, undefined],
    [
      'the starter',
      OLIVIA,
      [APPROVE, SIGNAL],
      false,
      'You started this execution, so someone else must approve or reject it.',
    ],
    [
      'the starter, under another spelling',
      'user:default/Olivia',
      [APPROVE],
      false,
      'You started this execution, so someone else must approve or reject it.',
    ],
    [
      'a user who may signal but not approve',
      OSCAR,
      [SIGNAL],
      false,
      'Approving or rejecting needs the workflows.promotion.approve permission, which you do not have.',
    ],
  ] as const)(
    '%s (%s, who may %j): Approve and Reject shown: %s',
    async (_who, reader, allowed, shown, note) => {
      const api = fakeApi();
      const workflowId = `promo-${reader}-${allowed.join()}`;
      await renderInTestApp(
        <section aria-label="Actions">
          <ExecutionActions
            detail={detail({
              workflowId,
              type: 'modelPromotion',
              startedBy: OLIVIA,
              signals: promotion.signals,
            })}
            onDone={() => {}}
          />
        </section>,
        {
          apis: testApis({
            api,
            userEntityRef: reader,
            permissions: fakePermissions(
              name =>
                (allowed as readonly string[]).includes(name) ||
                name === 'workflows.execution.cancel',
            ),
          }),
        },
      );
      const actions = screen.getByRole('region', { name: 'Actions' });
      // the other actions are there once the checks are in
      expect(
        await within(actions).findByRole('button', {
          name: 'Cancel execution',
        }),
      ).toBeInTheDocument();
      const buttons = ['Approve', 'Reject'].filter(name =>
        within(actions).queryByRole('button', { name }),
      );
      expect(buttons).toEqual(shown ? ['Approve', 'Reject'] : []);
      const said = within(actions).queryByText(/approve or reject|Approving/);
      expect(said?.textContent).toBe(note);
    },
  );
});
