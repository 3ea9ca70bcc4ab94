import {
  coreServices,
  createBackendPlugin,
  DiscoveryService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { readHttpServerOptions } from '@backstage/backend-defaults/rootHttpRouter';
import { hostname } from 'node:os';

/** Names under which a process reaches its own listening socket. */
function ownHostnames(listenHost: string): Set<string> {
  const names = new Set(['localhost', '::1', '::', '0.0.0.0', hostname()]);
  if (listenHost) names.add(listenHost.toLocaleLowerCase('en-US'));
  return names;
}

function isOwnAddress(
  url: string,
  listen: { host: string; port: number },
  protocol: string,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname
    .replace(/^\[|\]$/g, '')
    .toLocaleLowerCase('en-US');
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  if (port !== listen.port || parsed.protocol !== protocol) return false;
  return host.startsWith('127.') || ownHostnames(listen.host).has(host);
}

/**
 * The plugins of `pluginIds` that this process does not host but that
 * discovery resolves to this process's own listening address (Backstage's
 * fallback when `discovery.endpoints` names no target for them): every call
 * to them would get this process's 404.
 *
 * @public
 */
export async function selfResolvedPlugins(options: {
  config: RootConfigService;
  discovery: DiscoveryService;
  pluginIds: string[];
  installed: Iterable<string>;
}): Promise<Array<{ pluginId: string; url: string }>> {
  const installed = new Set(options.installed);
  const { listen } = readHttpServerOptions(
    options.config.getOptionalConfig('backend'),
  );
  const protocol = options.config.has('backend.https') ? 'https:' : 'http:';
  const found = [];
  for (const pluginId of options.pluginIds) {
    if (installed.has(pluginId)) continue;
    const url = await options.discovery.getBaseUrl(pluginId);
    if (isOwnAddress(url, listen, protocol)) found.push({ pluginId, url });
  }
  return found;
}

/**
 * A backend plugin that refuses to start a process which calls plugins it
 * does not host (`pluginIds`, e.g. a worker-only process calling ai-metrics
 * and user-admin) while discovery resolves any of them to the process
 * itself: better than a worker that fails every call with 404. `hint` ends
 * the message with the deployment's own way to set `discovery.endpoints`.
 *
 * @public
 */
export function createRemotePluginsCheckPlugin(options: {
  pluginIds: string[];
  hint?: string;
}) {
  return createBackendPlugin({
    pluginId: 'console-remote-plugins-check',
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          discovery: coreServices.discovery,
          instance: coreServices.rootInstanceMetadata,
        },
        async init({ config, discovery, instance }) {
          const installed = (await instance.getInstalledPlugins()).map(
            p => p.pluginId,
          );
          const found = await selfResolvedPlugins({
            config,
            discovery,
            pluginIds: options.pluginIds,
            installed,
          });
          if (found.length === 0) return;
          throw new Error(
            `this process does not host ${found
              .map(f => f.pluginId)
              .join(', ')}, but discovery resolves ${
              found.length === 1 ? 'it' : 'them'
            } to this process (${found
              .map(f => f.url)
              .join(', ')}): set discovery.endpoints for ${found
              .map(f => f.pluginId)
              .join(', ')} to a backend that hosts ${
              found.length === 1 ? 'it' : 'them'
            }${options.hint ? ` (${options.hint})` : ''}`,
          );
        },
      });
    },
  });
}
