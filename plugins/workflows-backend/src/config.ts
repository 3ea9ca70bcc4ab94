import { Config } from '@backstage/config';
import { TLSConfig } from '@temporalio/client';
import { readFileSync } from 'node:fs';

/** Settings read from `workflows.temporal`. */
export type TemporalSettings = {
  address: string;
  namespace: string;
  taskQueue: string;
  /** false, true (system CAs) or the CA, client pair and server name read from their files */
  tls: boolean | TLSConfig;
  apiKey?: string;
  rpcTimeoutMs: number;
  /** Add missing search attributes at runtime (development only). */
  registerSearchAttributes?: boolean;
};

const KEY = 'workflows.temporal';

/**
 * Reads `workflows.temporal`, the certificate files included: a file that
 * cannot be read stops the backend's start with the key and path named,
 * rather than failing every call later. A rotated certificate is read at the
 * next start.
 */
export function readTemporalSettings(config: Config): TemporalSettings {
  const temporal = config.getOptionalConfig(KEY);
  const apiKey = temporal?.getOptionalString('apiKey');
  return {
    address: temporal?.getOptionalString('address') ?? '127.0.0.1:7233',
    namespace: temporal?.getOptionalString('namespace') ?? 'default',
    taskQueue: temporal?.getOptionalString('taskQueue') ?? 'ai-ops-console',
    tls: readTls(temporal, apiKey),
    apiKey,
    rpcTimeoutMs: temporal?.getOptionalNumber('rpcTimeoutMs') ?? 5000,
    registerSearchAttributes:
      temporal?.getOptionalBoolean('registerSearchAttributes') ?? false,
  };
}

/**
 * `tls: true|false`, or an object: TLS is on when it says `enabled: true`,
 * names a file or a server name, or when an API key is set (Temporal Cloud
 * takes keys over TLS only); `enabled: false` turns it off.
 */
function readTls(
  temporal: Config | undefined,
  apiKey: string | undefined,
): boolean | TLSConfig {
  const value = temporal?.getOptional('tls');
  if (value === undefined || typeof value !== 'object') {
    return temporal?.getOptionalBoolean('tls') ?? Boolean(apiKey);
  }
  const tls = temporal!.getConfig('tls');
  const file = (name: string) => {
    const path = tls.getOptionalString(name);
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(
        `${KEY}.tls.${name}: cannot read ${path} (${
          (error as NodeJS.ErrnoException).code ?? (error as Error).message
        })`,
      );
    }
  };
  const serverNameOverride = tls.getOptionalString('serverName');
  const ca = file('caFile');
  const crt = file('certFile');
  const key = file('keyFile');
  if (Boolean(crt) !== Boolean(key)) {
    throw new Error(
      `${KEY}.tls: certFile and keyFile go together (the client certificate and its private key); set both or neither`,
    );
  }
  const configured = Boolean(serverNameOverride || ca || crt);
  const enabled = tls.getOptionalBoolean('enabled');
  if (enabled === false) {
    if (configured) {
      throw new Error(
        `${KEY}.tls.enabled is false but TLS files or a server name are set: remove one or the other`,
      );
    }
    return false;
  }
  if (!enabled && !configured && !apiKey) return false;
  return {
    ...(serverNameOverride && { serverNameOverride }),
    ...(ca && { serverRootCACertificate: ca }),
    ...(crt && key && { clientCertPair: { crt, key } }),
  };
}
