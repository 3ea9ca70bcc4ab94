import { LoggerService } from '@backstage/backend-plugin-api';
import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
} from '@temporalio/worker';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TemporalSettings } from './TemporalService';
import { WorkerTracing } from './tracing';
import { WorkflowTypeRegistration } from '../extensions';

/**
 * Runs the Temporal worker for every registered workflow type on the
 * console's task queue. The workflow code of all types is bundled once at
 * start. If Temporal is down, it retries with backoff instead of failing the
 * backend.
 */
export class WorkerService {
  private readonly settings: TemporalSettings;
  private readonly logger: LoggerService;
  private readonly types: WorkflowTypeRegistration[];
  private readonly activities: Record<
    string,
    (...args: any[]) => Promise<unknown>
  >;
  private readonly tracing?: WorkerTracing;
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private stopped = false;
  private readyResolve!: () => void;
  /** Resolves once the worker polls its task queue. */
  readonly ready: Promise<void>;

  constructor(options: {
    settings: TemporalSettings;
    logger: LoggerService;
    types: WorkflowTypeRegistration[];
    activities: Record<string, (...args: any[]) => Promise<unknown>>;
    /** OpenTelemetry interceptors and sink, see `workerTracing` */
    tracing?: WorkerTracing;
  }) {
    this.settings = options.settings;
    this.logger = options.logger;
    this.types = options.types;
    this.activities = options.activities;
    this.tracing = options.tracing;
    this.ready = new Promise(resolve => {
      this.readyResolve = resolve;
    });
  }

  start() {
    this.running = this.loop();
  }

  private async loop() {
    const bundle = await this.bundle();
    let delayMs = 1000;
    while (!this.stopped) {
      try {
        const { address, tls, apiKey, namespace, taskQueue } = this.settings;
        this.connection = await NativeConnection.connect({
          address,
          tls,
          apiKey,
        });
        this.worker = await Worker.create({
          connection: this.connection,
          namespace,
          taskQueue,
          workflowBundle: bundle,
          activities: this.activities,
          ...this.tracing?.options,
        });
        this.logger.info(
          `worker polling task queue ${taskQueue} in ${namespace}`,
        );
        delayMs = 1000;
        const run = this.worker.run();
        this.readyResolve();
        await run;
      } catch (error) {
        if (this.stopped) break;
        this.logger.warn(
          `worker stopped: ${(error as Error).message}; retrying in ${
            delayMs / 1000
          }s`,
        );
        await sleep(delayMs);
        delayMs = Math.min(delayMs * 2, 30_000);
      } finally {
        this.worker = undefined;
        await this.connection?.close().catch(() => undefined);
        this.connection = undefined;
      }
    }
  }

  /** One bundle re-exporting the workflow modules of every registered type. */
  private async bundle() {
    const paths = [...new Set(this.types.map(t => t.workflowsPath))];
    const source = paths
      .map(p => `export * from ${JSON.stringify(p.replace(/\.(ts|js)$/, ''))};`)
      .join('\n');
    const dir = join(
      tmpdir(),
      `ai-ops-console-workflows-${createHash('sha1')
        .update(source)
        .digest('hex')
        .slice(0, 12)}`,
    );
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, 'index.ts');
    writeFileSync(entry, `${source}\n`);
    const started = Date.now();
    // the generated entry lives outside the package: let webpack find the
    // SDK where this package finds it
    const sdkModules = dirname(
      dirname(dirname(require.resolve('@temporalio/workflow/package.json'))),
    );
    const bundle = await bundleWorkflowCode({
      workflowsPath: entry,
      workflowInterceptorModules: this.tracing?.workflowInterceptorModules,
      webpackConfigHook: config => ({
        ...config,
        resolve: {
          ...config.resolve,
          modules: [
            ...(config.resolve?.modules ?? ['node_modules']),
            sdkModules,
          ],
        },
      }),
      logger: {
        trace: () => {},
        debug: () => {},
        info: () => {},
        log: () => {},
        warn: (m: string) => this.logger.warn(m),
        error: (m: string) => this.logger.error(m),
      },
    });
    this.logger.info(
      `bundled ${this.types.length} workflow type(s) in ${
        Date.now() - started
      } ms`,
    );
    return bundle;
  }

  async stop() {
    this.stopped = true;
    this.worker?.shutdown();
    await this.running;
  }
}

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
