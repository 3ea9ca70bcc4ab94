import { context, INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import { RPCMetadata, RPCType, setRPCMetadata } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import express from 'express';
import request from 'supertest';
import { requestContextMiddleware } from './http/requestContext';
import { requestContextFormat } from './logging';

function recordLines() {
  const lines: Array<Record<string, unknown>> = [];
  const fmt = requestContextFormat();
  const log = (message: string) =>
    lines.push(fmt.transform({ level: 'info', message }) as any);
  return { lines, log };
}

describe('requestContextFormat', () => {
  it('puts the request id on lines written while serving a request', async () => {
    const { lines, log } = recordLines();
    const app = express();
    app.use(requestContextMiddleware());
    app.get('/', async (_req, res) => {
      log('before');
      await new Promise(resolve => setTimeout(resolve, 5));
      log('after an await');
      res.end();
    });
    const res = await request(app).get('/');
    log('outside');
    const id = res.headers['x-request-id'];
    expect(lines).toEqual([
      expect.objectContaining({ message: 'before', requestId: id }),
      expect.objectContaining({ message: 'after an await', requestId: id }),
      expect.not.objectContaining({ requestId: expect.anything() }),
    ]);
    // no tracing: neither trace ids nor the header
    expect(lines[0]).not.toHaveProperty('traceId');
    expect(res.headers['x-trace-id']).toBeUndefined();
  });

  describe('with OpenTelemetry tracing', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('logging.test');

    beforeAll(() => provider.register());
    afterAll(async () => {
      trace.disable();
      context.disable();
      await provider.shutdown();
    });

    it('puts the trace and span id of the active span on lines', async () => {
      const { lines, log } = recordLines();
      const ids = await tracer.startActiveSpan('work', async span => {
        log('in the span');
        await new Promise(resolve => setTimeout(resolve, 5));
        log('after an await');
        span.end();
        return span.spanContext();
      });
      log('outside');
      expect(lines).toEqual([
        expect.objectContaining({
          message: 'in the span',
          traceId: ids.traceId,
          spanId: ids.spanId,
        }),
        expect.objectContaining({
          message: 'after an await',
          traceId: ids.traceId,
          spanId: ids.spanId,
        }),
        expect.not.objectContaining({ traceId: expect.anything() }),
      ]);
    });

    it('echoes the trace id of a traced request and logs it beside the request id', async () => {
      const { lines, log } = recordLines();
      const app = express();
      // stands in for the HTTP instrumentation's server span
      app.use((_req, res, next) =>
        tracer.startActiveSpan('GET /', span => {
          res.on('finish', () => span.end());
          next();
        }),
      );
      app.use(requestContextMiddleware());
      app.get('/', (_req, res) => {
        log('handling');
        res.end();
      });
      const res = await request(app).get('/');
      const span = exporter.getFinishedSpans().find(s => s.name === 'GET /')!;
      expect(res.headers['x-trace-id']).toBe(span.spanContext().traceId);
      expect(lines).toEqual([
        expect.objectContaining({
          message: 'handling',
          requestId: res.headers['x-request-id'],
          traceId: span.spanContext().traceId,
          spanId: span.spanContext().spanId,
        }),
      ]);
    });

    it('names the server span of an API request after its full route template', async () => {
      const rpc: RPCMetadata = {
        type: RPCType.HTTP,
        span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
      };
      const app = express();
      // stands in for the HTTP instrumentation, which names the span from
      // the route in its RPC metadata once the response is done
      app.use((_req, _res, next) =>
        tracer.startActiveSpan('POST', span => {
          rpc.span = span;
          context.with(setRPCMetadata(context.active(), rpc), next);
        }),
      );
      app.use(requestContextMiddleware());
      const plugin = express.Router();
      plugin.post('/executions/:workflowId/signal', (_req, res) => {
        res.status(202).end();
      });
      app.use('/api/workflows', plugin);
      const res = await request(app).post(
        '/api/workflows/executions/w-1/signal',
      );
      expect(res.status).toBe(202);
      expect(rpc.route).toBe('/api/workflows/executions/:workflowId/signal');
    });
  });
});
