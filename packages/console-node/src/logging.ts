import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { format, transports } from 'winston';
import {
  activeSpanContext,
  currentRequestContext,
} from './http/requestContext';

/**
 * Adds the id of the request being served to every line written for it, and
 * the trace and span id of the OpenTelemetry span active when the line is
 * written (the request's, or a Temporal activity's on the worker).
 */
export const requestContextFormat = format(info => {
  const context = currentRequestContext();
  if (context && info.requestId === undefined) {
    info.requestId = context.requestId;
  }
  const spanContext = activeSpanContext();
  if (spanContext && info.traceId === undefined) {
    info.traceId = spanContext.traceId;
    info.spanId = spanContext.spanId;
  }
  return info;
});

/**
 * Backstage's root logger (winston, config secrets redacted, level
 * overrides) writing JSON lines — always in production, and wherever
 * `LOG_FORMAT=json` — each with the request id of the request it belongs to
 * and, when tracing is on, the trace and span id it was written under.
 */
export const consoleRootLoggerServiceFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    const json =
      process.env.NODE_ENV === 'production' ||
      process.env.LOG_FORMAT === 'json';
    const logger = WinstonLogger.create({
      meta: {
        service: 'backstage',
        ...config.getOptionalConfig('backend.logger.meta')?.get<object>(),
      },
      level:
        process.env.LOG_LEVEL ??
        config.getOptionalString('backend.logger.level') ??
        'info',
      format: format.combine(
        requestContextFormat(),
        json
          ? format.combine(format.timestamp(), format.json())
          : WinstonLogger.colorFormat(),
      ),
      transports: [new transports.Console()],
    });
    logger.setLevelOverrides(
      (config.getOptionalConfigArray('backend.logger.overrides') ?? []).map(
        o => ({
          matchers: o.getConfig('matchers').get(),
          level: o.getString('level'),
        }),
      ),
    );
    const secrets = await createConfigSecretEnumerator({ logger });
    logger.addRedactions(secrets(config));
    config.subscribe?.(() => logger.addRedactions(secrets(config)));
    return logger;
  },
});
