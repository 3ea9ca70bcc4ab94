import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Client, ClientInterceptors, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { WorkflowsHealth } from '@ai-ops-console/backstage-plugin-workflows-common';
import { STARTED_BY_ATTRIBUTE } from '../temporal/workflows/searchAttributes';
import { mapTemporalError, TemporalUnavailableError } from './temporalErrors';

/** Settings read from `workflows.temporal`. */
export type TemporalSettings = {
  address: string;
  namespace: string;
  taskQueue: string;
  tls: boolean;
  apiKey?: string;
  rpcTimeoutMs: number;
};

export function readTemporalSettings(config: Config): TemporalSettings {
  const temporal = config.getOptionalConfig('workflows.temporal');
  const apiKey = temporal?.getOptionalString('apiKey');
  return {
    address: temporal?.getOptionalString('address') ?? '127.0.0.1:7233',
    namespace: temporal?.getOptionalString('namespace') ?? 'default',
    taskQueue: temporal?.getOptionalString('taskQueue') ?? 'ai-ops-console',
    tls: temporal?.getOptionalBoolean('tls') ?? Boolean(apiKey),
    apiKey,
    rpcTimeoutMs: temporal?.getOptionalNumber('rpcTimeoutMs') ?? 5000,
  };
}

/**
 * Owns the one gRPC connection of this backend to Temporal. The connection is
 * lazy: the backend starts while Temporal is down and recovers by itself once
 * Temporal is back, without a restart.
 */
export class TemporalService {
  readonly settings: TemporalSettings;
  private readonly logger: LoggerService;
  private readonly interceptors?: ClientInterceptors;
  private connection?: Connection;
  private client?: Client;
  private startedByReady?: Promise<void>;

  constructor(options: {
    settings: TemporalSettings;
    logger: LoggerService;
    /** e.g. the OpenTelemetry ones, see `tracingClientInterceptors` */
    interceptors?: ClientInterceptors;
  }) {
    this.settings = options.settings;
    this.logger = options.logger;
    this.interceptors = options.interceptors;
  }

  static fromConfig(options: {
    config: Config;
    logger: LoggerService;
    interceptors?: ClientInterceptors;
  }) {
    return new TemporalService({
      settings: readTemporalSettings(options.config),
      logger: options.logger,
      interceptors: options.interceptors,
    });
  }

  getConnection(): Connection {
    if (!this.connection) {
      const { address, tls, apiKey } = this.settings;
      this.connection = Connection.lazy({ address, tls, apiKey });
    }
    return this.connection;
  }

  getClient(): Client {
    if (!this.client) {
      this.client = new Client({
        connection: this.getConnection(),
        namespace: this.settings.namespace,
        interceptors: this.interceptors,
      });
    }
    return this.client;
  }

  /**
   * Runs a Temporal call with the configured deadline and maps its errors
   * to the API's (see `mapTemporalError`).
   */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    const connection = this.getConnection();
    try {
      return await connection.withDeadline(
        Date.now() + this.settings.rpcTimeoutMs,
        fn,
      );
    } catch (error) {
      throw mapTemporalError(error, {
        address: this.settings.address,
        logger: this.logger,
      });
    }
  }

  /**
   * Registers the search attribute that records who started an execution,
   * once per process; a failed attempt is tried again by the next caller.
   */
  ensureStartedByAttribute(): Promise<void> {
    this.startedByReady ??= this.registerStartedBy().catch(error => {
      this.startedByReady = undefined;
      throw error;
    });
    return this.startedByReady;
  }

  private async registerStartedBy() {
    const { namespace } = this.settings;
    const operator = this.getConnection().operatorService;
    const existing = await this.call(() =>
      operator.listSearchAttributes({ namespace }),
    );
    if (existing.customAttributes?.[STARTED_BY_ATTRIBUTE] !== undefined) {
      return;
    }
    try {
      await this.call(() =>
        operator.addSearchAttributes({
          namespace,
          searchAttributes: {
            [STARTED_BY_ATTRIBUTE]:
              proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          },
        }),
      );
      this.logger.info(
        `registered search attribute ${STARTED_BY_ATTRIBUTE} in ${namespace}`,
      );
    } catch (error) {
      // another replica registered it meanwhile
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  /**
   * Whether Temporal answers and the configured namespace exists. Why it does
   * not is logged, not answered (see `TemporalUnavailableError`).
   */
  async health(): Promise<WorkflowsHealth> {
    const { address, namespace, rpcTimeoutMs } = this.settings;
    try {
      const connection = this.getConnection();
      await connection.withDeadline(Date.now() + rpcTimeoutMs, () =>
        connection.workflowService.describeNamespace({ namespace }),
      );
      return { status: 'ok', temporal: { namespace, reachable: true } };
    } catch (error) {
      this.logger.warn(
        `Temporal health check of ${address} (namespace ${namespace}) failed: ${describeTemporalError(
          error,
        )}`,
      );
      return {
        status: 'unavailable',
        temporal: {
          namespace,
          reachable: false,
          message: new TemporalUnavailableError().message,
        },
      };
    }
  }

  async close() {
    await this.connection?.close();
    this.connection = undefined;
    this.client = undefined;
  }
}

function describeTemporalError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // gRPC errors carry a numeric prefix ("14 UNAVAILABLE: ..."): keep the words
  return text.replace(/^\d+\s+/, '').split('\n')[0];
}
