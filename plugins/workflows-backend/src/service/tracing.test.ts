import { mockServices } from '@backstage/backend-test-utils';
import { context, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { randomUUID } from 'node:crypto';
import { createWordCountActivities } from '@ai-ops-console/backstage-plugin-workflows-backend-module-word-count';
import { TemporalService } from './TemporalService';
import { tracingClientInterceptors, workerTracing } from './tracing';
import { WorkerService } from './WorkerService';

// The console's client and worker against the real Temporal dev server that
// scripts/test.sh starts (TEMPORAL_ADDRESS), with an in-memory tracer.
jest.setTimeout(60_000);

describe('tracing', () => {
  it('adds nothing while the process runs no OpenTelemetry SDK', () => {
    expect(tracingClientInterceptors()).toBeUndefined();
    expect(workerTracing()).toBeUndefined();
  });

  describe('with the OpenTelemetry SDK', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });

    beforeAll(() => provider.register());
    afterAll(async () => {
      trace.disable();
      context.disable();
      await provider.shutdown();
    });

    it("continues the caller's trace through the client into the workflow run and its activities", async () => {
      const address = process.env.TEMPORAL_ADDRESS;
      if (!address)
        throw new Error('TEMPORAL_ADDRESS must point at a Temporal server');
      const settings = {
        address,
        namespace: 'default',
        taskQueue: `tracing-${randomUUID()}`,
        tls: false,
        rpcTimeoutMs: 5000,
      };
      const logger = mockServices.logger.mock();
      const temporal = new TemporalService({
        settings,
        logger,
        interceptors: tracingClientInterceptors(),
      });
      const worker = new WorkerService({
        settings,
        logger,
        types: [
          {
            name: 'wordCount',
            title: 'Word count',
            description: 'Counts words',
            inputSchema: {},
            workflowsPath: require.resolve(
              '@ai-ops-console/backstage-plugin-workflows-backend-module-word-count/src/workflows',
            ),
          },
        ],
        activities: createWordCountActivities(),
        tracing: workerTracing(),
      });
      worker.start();
      try {
        await worker.ready;
        const workflowId = `tracing-${randomUUID()}`;
        const request = await provider
          .getTracer('test')
          .startActiveSpan('POST /api/workflows/executions', async span => {
            const handle = await temporal
              .getClient()
              .workflow.start('wordCount', {
                taskQueue: settings.taskQueue,
                workflowId,
                args: [{ documents: ['one two', 'three'] }],
              });
            span.end();
            await handle.result();
            return span.spanContext();
          });

        const named = (name: string) =>
          exporter.getFinishedSpans().find(s => s.name === name);
        const parentOf = (s?: ReadableSpan) => s?.parentSpanId;
        // the workflow's spans come through the worker's sink
        for (let i = 0; i < 50 && !named('RunWorkflow:wordCount'); i++) {
          await new Promise(resolve => setTimeout(resolve, 100));
        }

        const start = named('StartWorkflow:wordCount');
        const run = named('RunWorkflow:wordCount');
        const activityStart = named('StartActivity:countWords');
        const activityRun = named('RunActivity:countWords');
        expect(start?.attributes.temporalWorkflowId).toBe(workflowId);
        expect(parentOf(start)).toBe(request.spanId);
        expect(parentOf(run)).toBe(start?.spanContext().spanId);
        expect(parentOf(activityStart)).toBe(run?.spanContext().spanId);
        expect(parentOf(activityRun)).toBe(activityStart?.spanContext().spanId);
        for (const s of [start, run, activityStart, activityRun]) {
          expect(s?.spanContext().traceId).toBe(request.traceId);
        }
      } finally {
        await worker.stop();
        await temporal.close();
      }
    });
  });
});
