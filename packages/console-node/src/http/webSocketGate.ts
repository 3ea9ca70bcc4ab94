import type { LoggerService } from '@backstage/backend-plugin-api';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Looks at a WebSocket upgrade before any plugin's handler does. It refuses
 * by throwing (an error named AuthenticationError → 401, NotAllowedError →
 * 403, ServiceUnavailableError → 503, anything else → 503), and may keep the
 * socket to end it later (e.g. when the session behind it is revoked).
 */
export type WebSocketGate = (
  request: IncomingMessage,
  socket: Duplex,
) => Promise<void>;

// Keyed by the backend's root config object: the one thing both the root
// HTTP router and a root service of the same backend are handed, so that two
// backends in one process (tests) keep their gates apart.
const gatesByBackend = new WeakMap<object, WebSocketGate[]>();

/** Adds a gate in front of every WebSocket upgrade of this backend. */
export function addWebSocketGate(rootConfig: object, gate: WebSocketGate) {
  const gates = gatesByBackend.get(rootConfig) ?? [];
  gates.push(gate);
  gatesByBackend.set(rootConfig, gates);
}

const STATUS: Record<string, string> = {
  AuthenticationError: '401 Unauthorized',
  NotAllowedError: '403 Forbidden',
  ServiceUnavailableError: '503 Service Unavailable',
};

/**
 * Runs the backend's gates before the server's own `upgrade` listeners (the
 * plugins' WebSocket routes): Backstage authenticates an upgrade with the
 * plugin's auth service, which knows nothing of the console's sessions.
 */
export function gateWebSocketUpgrades(options: {
  server: Server;
  rootConfig: object;
  logger: Pick<LoggerService, 'warn'>;
}) {
  const { server, rootConfig, logger } = options;
  const emit = server.emit;
  server.emit = function gatedEmit(
    this: Server,
    event: string | symbol,
    ...args: any[]
  ): boolean {
    const gates = gatesByBackend.get(rootConfig);
    if (event !== 'upgrade' || !gates?.length) {
      return emit.call(this, event, ...args);
    }
    const [request, socket] = args as [IncomingMessage, Duplex];
    // data that arrives while the gates run stays buffered in the socket
    socket.pause();
    (async () => {
      for (const gate of gates) await gate(request, socket);
    })().then(
      () => {
        if (socket.destroyed) return;
        socket.resume();
        emit.call(this, event, ...args);
      },
      (error: Error) => {
        const status = STATUS[error?.name] ?? '503 Service Unavailable';
        logger.warn('WebSocket upgrade refused', {
          path: request.url?.split('?')[0],
          status,
          reason: error?.message,
        });
        if (!socket.destroyed) {
          socket.end(
            `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
            () => socket.destroy(),
          );
        }
      },
    );
    return true;
  } as typeof server.emit;
}
