import { ProxyTracerProvider, trace, TracerProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ClientInterceptors } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';

/** What the worker needs to carry traces into workflows and activities. */
export type WorkerTracing = {
  /** Workflow interceptor modules the workflow bundle must include. */
  workflowInterceptorModules: string[];
  /** Activity interceptors and the sink that exports workflow spans. */
  options: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
};

type SdkTracerProvider = {
  getActiveSpanProcessor(): SpanProcessor;
  resource: unknown;
};

/**
 * The OpenTelemetry SDK's tracer provider when the process runs one (the
 * backend's `src/instrumentation.js` starts it when tracing is configured),
 * else undefined: without it, tracing stays off and nothing is added.
 */
function sdkTracerProvider(): SdkTracerProvider | undefined {
  let provider: TracerProvider = trace.getTracerProvider();
  if (provider instanceof ProxyTracerProvider) {
    provider = provider.getDelegate();
  }
  const candidate = provider as Partial<SdkTracerProvider>;
  return typeof candidate.getActiveSpanProcessor === 'function'
    ? (candidate as SdkTracerProvider)
    : undefined;
}

/**
 * Client interceptors that wrap starting, signalling, querying and updating
 * workflows in spans of the caller's trace, and pass that trace on to the
 * workflow in Temporal headers. None when tracing is off.
 */
export function tracingClientInterceptors(): ClientInterceptors | undefined {
  if (!sdkTracerProvider()) {
    return undefined;
  }
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/**
 * Worker interceptors that continue the trace a workflow was started in:
 * spans for the workflow run, its signals, queries and updates (inside the
 * workflow sandbox, exported through a sink to the process's span
 * processor) and for each activity. Undefined when tracing is off.
 */
export function workerTracing(): WorkerTracing | undefined {
  const provider = sdkTracerProvider();
  if (!provider) {
    return undefined;
  }
  return {
    workflowInterceptorModules: [
      require.resolve(
        '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
      ),
    ],
    options: {
      interceptors: {
        activity: [
          ctx => ({
            inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
            outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
          }),
        ],
      },
      sinks: {
        exporter: makeWorkflowExporter(
          provider.getActiveSpanProcessor(),
          provider.resource as Resource,
        ),
      },
    },
  };
}
