import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeApi,
  fakePermissions,
  mountedRoutes,
  responseError,
  testApis,
} from '../../__testUtils__/fakes';
import { WorkflowsApi } from '../../api';
import { StartWorkflowPage } from './StartWorkflowPage';

async function renderStart(api: WorkflowsApi, url = '/workflows/start') {
  const result = await renderInTestApp(<StartWorkflowPage />, {
    apis: testApis({ api }),
    mountPath: '/workflows',
    mountedRoutes,
    initialRouteEntries: [url],
  });
  return {
    location: () =>
      result.apis.get(coreApis.appHistory)!.getSnapshot().location,
  };
}

describe('StartWorkflowPage', () => {
  it('puts the type label above the select, not over its "Choose a type"', async () => {
    await renderStart(fakeApi());
    const select = await screen.findByRole('combobox', {
      name: /Workflow type/,
    });
    expect(select).toHaveDisplayValue('Choose a type');
    // an unshrunk label sits inside the field, over the shown option
    const label = document.querySelector(`label[for="${select.id}"]`);
    expect(label).toHaveAttribute('data-shrink', 'true');
  });

  it('renders the form of the chosen type and shows validation messages', async () => {
    const api = fakeApi();
    const { location } = await renderStart(api);
    const select = await screen.findByRole('combobox', {
      name: /Workflow type/,
    });
    await userEvent.selectOptions(select, 'Model promotion');
    expect(location().search).toBe('?type=modelPromotion');
    expect(
      screen.getByText(
        'Waits for an approval before promoting a model version.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Model/ })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(
      (await screen.findAllByText(/must have required property 'Model'/))
        .length,
    ).toBeGreaterThan(0);
    expect(api.startExecution).not.toHaveBeenCalled();
  });

  it('starts the workflow and opens its page', async () => {
    const api = fakeApi({
      startExecution: async () => ({
        workflowId: 'modelPromotion-123',
        runId: 'r1',
      }),
    });
    const { location } = await renderStart(
      api,
      '/workflows/start?type=modelPromotion',
    );
    await userEvent.type(
      await screen.findByRole('textbox', { name: /^Model/ }),
      'sentiment',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Version to promote/ }),
      'v2',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() =>
      expect(location().pathname).toBe(
        '/workflows/executions/modelPromotion-123',
      ),
    );
    expect(api.startExecution).toHaveBeenCalledWith({
      type: 'modelPromotion',
      input: { model: 'sentiment', toVersion: 'v2' },
      workflowId: undefined,
    });
  });

  it('shows the server refusal and stays on the form', async () => {
    const api = fakeApi({
      startExecution: async () => {
        throw await responseError(
          400,
          'invalid input: toVersion: unknown version',
        );
      },
    });
    const { location } = await renderStart(
      api,
      '/workflows/start?type=modelPromotion',
    );
    await userEvent.type(
      await screen.findByRole('textbox', { name: /^Model/ }),
      'm',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Version to promote/ }),
      'v9',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Workflow ID (optional)' }),
      'promo-v9',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    const alert = await screen.findByText(/The workflow was not started/);
    expect(alert).toHaveTextContent(
      'invalid input: toVersion: unknown version',
    );
    expect(api.startExecution).toHaveBeenCalledWith(
      expect.objectContaining({ workflowId: 'promo-v9' }),
    );
    expect(location().pathname).toBe('/workflows/start');
  });

  it('refuses a workflow id the server would refuse', async () => {
    await renderStart(fakeApi(), '/workflows/start?type=modelPromotion');
    const id = await screen.findByRole('textbox', {
      name: 'Workflow ID (optional)',
    });
    await userEvent.type(id, 'has spaces');
    expect(
      screen.getByText('Use letters, digits and . _ : @ / - only.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();
  });

  it('says when the types cannot be loaded because Temporal is down', async () => {
    const api = fakeApi({
      listTypes: jest
        .fn()
        .mockRejectedValueOnce(await responseError(503, 'no connection'))
        .mockResolvedValueOnce([]),
    });
    await renderStart(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the workflow types');
    expect(alert).toHaveTextContent('Temporal is unavailable');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('No workflow types are registered.'),
    ).toBeInTheDocument();
  });

  it('says the reader may not start workflows instead of showing the form', async () => {
    const api = fakeApi();
    await renderInTestApp(<StartWorkflowPage />, {
      apis: testApis({ api, permissions: fakePermissions(() => false) }),
      mountPath: '/workflows',
      mountedRoutes,
      initialRouteEntries: ['/workflows/start?type=modelPromotion'],
    });
    expect(
      await screen.findByText(/You do not have permission to start workflows/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    expect(api.startExecution).not.toHaveBeenCalled();
  });
});
