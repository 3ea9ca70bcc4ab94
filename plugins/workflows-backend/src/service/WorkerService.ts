import { LoggerService } from '@backstage/backend-plugin-api';
import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
} from '@temporalio/worker';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { TemporalSettings } from './TemporalService';
import { WorkerTracing } from './tracing';
import { WorkflowTypeRegistration } from '@ai-ops-console/backstage-plugin-workflows-node';

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

  /**
   * Bundles the workflow code, then keeps a worker polling in the background.
   * Resolves once the code is bundled; rejects, naming the cause, when it
   * cannot be (code that cannot run must stop the backend's start, not leave
   * a backend that accepts runs no worker will ever take).
   */
  async start(): Promise<void> {
    let bundle: Awaited<ReturnType<WorkerService['bundle']>>;
    try {
      bundle = await this.bundle();
    } catch (error) {
      throw new Error(
        `the workflow code of ${this.types
          .map(t => t.name)
          .join(', ')} did not bundle: ${(error as Error).message}`,
      );
    }
    this.running = this.loop(bundle);
  }

  private async loop(bundle: Awaited<ReturnType<WorkerService['bundle']>>) {
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
    // Temporal's bundler compiles TypeScript only outside node_modules, but an
    // installed package (the console's own, or a module's) ships its workflow
    // code there as source: compile the registered workflow folders wherever
    // they are installed
    const workflowDirs = paths.map(p => dirname(p) + sep);
    const inNodeModules = (file: string) =>
      /[\\/]node_modules[\\/]/.test(file) &&
      !workflowDirs.some(d => file.startsWith(d));
    const bundle = await bundleWorkflowCode({
      workflowsPath: entry,
      workflowInterceptorModules: this.tracing?.workflowInterceptorModules,
      webpackConfigHook: config => ({
        ...config,
        module: {
          ...config.module,
          rules: config.module?.rules?.map(rule =>
            rule &&
            typeof rule === 'object' &&
            rule.exclude instanceof RegExp &&
            rule.exclude.source.includes('node_modules')
              ? { ...rule, exclude: inNodeModules }
              : rule,
          ),
        },
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
