import {
  createApiRef,
  createRouteRef,
  useApi,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/core-plugin-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import {
  consoleClientApiExtension,
  consoleCompatPageExtension,
  createConsoleClientApiFactory,
} from './pluginWiring';

class GreetingClient {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  wired() {
    return (
      typeof this.options.discoveryApi.getBaseUrl === 'function' &&
      typeof this.options.fetchApi.fetch === 'function'
    );
  }
}

const greetingApiRef = createApiRef<GreetingClient>({ id: 'plugin.greeting' });
const rootRouteRef = createRouteRef({ id: 'greeting' });

function GreetingPage(props: { header?: boolean }) {
  const client = useApi(greetingApiRef);
  return (
    <>
      {props.header !== false && <h1>Greeting page header</h1>}
      <p>{client.wired() ? 'client wired' : 'client not wired'}</p>
    </>
  );
}

describe('plugin wiring', () => {
  it('gives the old frontend system a client built on discovery and fetch', () => {
    const factory = createConsoleClientApiFactory({
      api: greetingApiRef,
      client: GreetingClient,
    });
    expect(factory.api).toBe(greetingApiRef);
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/greeting' },
      fetchApi: { fetch: async () => new Response() },
    }) as GreetingClient;
    expect(client.wired()).toBe(true);
  });

  it('mounts the page in the new frontend system with the client and without its own header', async () => {
    const plugin = createFrontendPlugin({
      pluginId: 'greeting',
      extensions: [
        consoleClientApiExtension({
          api: greetingApiRef,
          client: GreetingClient,
        }),
        consoleCompatPageExtension({
          path: '/greeting',
          title: 'Greeting',
          icon: <span />,
          routeRef: rootRouteRef,
          loadPage: async () => GreetingPage,
        }),
      ],
    });
    renderTestApp({ features: [plugin], initialRouteEntries: ['/greeting'] });
    expect(await screen.findByText('client wired')).toBeInTheDocument();
    expect(screen.queryByText('Greeting page header')).not.toBeInTheDocument();
  });
});
