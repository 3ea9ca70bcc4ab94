import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Client, ClientInterceptors, Connection } from '@temporalio/client';
import { WorkflowsHealth } from '@ai-ops-console/backstage-plugin-workflows-common';
import { readTemporalSettings, TemporalSettings } from '../config';
import { mapTemporalError, TemporalUnavailableError } from './temporalErrors';
import {
  REQUIRED_SEARCH_ATTRIBUTES,
  TemporalSetupError,
} from './temporalSetup';

export type { TemporalSettings } from '../config';

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
   * Resolves once the namespace has the search attributes the console needs
   * (checked once per process while they are there). When one is missing it
   * rejects with a {@link TemporalSetupError} naming it and the command to
   * run, or adds it when `registerSearchAttributes` is on (development). A
   * failed check is tried again by the next caller, so that the console
   * recovers without a restart once an operator has added it.
   */
  ensureStartedByAttribute(): Promise<void> {
    this.startedByReady ??= this.checkSearchAttributes().catch(error => {
      this.startedByReady = undefined;
      throw error;
    });
    return this.startedByReady;
  }

  private async checkSearchAttributes() {
    const missing = await this.missingSearchAttributes();
    if (missing.length === 0) return;
    if (!this.settings.registerSearchAttributes) {
      throw new TemporalSetupError({
        namespace: this.settings.namespace,
        missing,
      });
    }
    await this.registerSearchAttributes();
  }

  /** The required search attributes the namespace lacks. */
  async missingSearchAttributes(): Promise<string[]> {
    const { namespace } = this.settings;
    const { customAttributes } = await this.call(() =>
      this.getConnection().operatorService.listSearchAttributes({ namespace }),
    );
    return Object.keys(REQUIRED_SEARCH_ATTRIBUTES).filter(
      name => customAttributes?.[name] === undefined,
    );
  }

  /**
   * Adds the required search attributes the namespace lacks and waits until
   * queries accept them; returns the names added. The one-time setup command
   * (scripts/temporal-setup.sh) and development's `registerSearchAttributes`
   * call it; Temporal Cloud refuses it (its attributes are added in the Cloud
   * UI or with tcld).
   */
  async registerSearchAttributes(): Promise<string[]> {
    const { namespace } = this.settings;
    const missing = await this.missingSearchAttributes();
    if (missing.length === 0) return [];
    const operator = this.getConnection().operatorService;
    try {
      await this.call(() =>
        operator.addSearchAttributes({
          namespace,
          searchAttributes: Object.fromEntries(
            missing.map(name => [name, REQUIRED_SEARCH_ATTRIBUTES[name].type]),
          ),
        }),
      );
    } catch (error) {
      // another replica or operator added them meanwhile
      if (!(error instanceof ConflictError)) throw error;
    }
    await this.untilQueryable(missing);
    this.logger.info(
      `registered search attributes ${missing.join(', ')} in ${namespace}`,
    );
    return missing;
  }

  /**
   * A new attribute is listed at once, but each Temporal service learns it at
   * its next namespace refresh (2 s by default); until then starts and
   * queries naming it are refused.
   */
  private async untilQueryable(names: string[]) {
    const query = names.map(name => `${name} = 'setup-check'`).join(' AND ');
    for (let attempt = 0; ; attempt++) {
      try {
        await this.call(() => this.getClient().workflow.count(query));
        return;
      } catch (error) {
        if (attempt >= 50) throw error;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
  }

  /**
   * Run at the backend's start: says in the log, before anyone asks, when
   * the namespace lacks an attribute (or adds it in development). Temporal
   * being away is no reason to stop the start: the calls recover later.
   */
  async checkAtStartup(): Promise<void> {
    try {
      await this.ensureStartedByAttribute();
    } catch (error) {
      if (error instanceof TemporalSetupError) {
        this.logger.error(error.message);
      } else {
        this.logger.warn(
          `could not check the search attributes of Temporal namespace ${
            this.settings.namespace
          } at start: ${(error as Error).message}`,
        );
      }
    }
  }

  /**
   * Whether Temporal answers, the configured namespace exists and has the
   * search attributes the console needs. Why Temporal does not answer is
   * logged, not answered (see `TemporalUnavailableError`); a missing
   * attribute is answered with the command that adds it.
   */
  async health(): Promise<WorkflowsHealth> {
    const { address, namespace, rpcTimeoutMs } = this.settings;
    try {
      const connection = this.getConnection();
      await connection.withDeadline(Date.now() + rpcTimeoutMs, () =>
        connection.workflowService.describeNamespace({ namespace }),
      );
      await this.ensureStartedByAttribute();
      return { status: 'ok', temporal: { namespace, reachable: true } };
    } catch (error) {
      if (error instanceof TemporalSetupError) {
        this.logger.warn(error.message);
        return {
          status: 'unavailable',
          temporal: { namespace, reachable: true, message: error.message },
        };
      }
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
