import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * Who may scrape `GET /api/ai-metrics/metrics`: service principals and users
 * granted `ai-metrics.metrics.scrape` (permission), the holder of
 * `aiMetrics.prometheus.token` (token), or anyone (public).
 */
export type PrometheusAccess = 'permission' | 'token' | 'public';

/** The plugin's settings, read once from `aiMetrics` with their defaults. */
export type AiMetricsOptions = {
  ingest: {
    maxBatchSize: number;
    /** a number of bytes or a size such as '1mb' (body-parser syntax) */
    maxBodySize: string | number;
    /** how long a batch's body may take to arrive */
    bodyTimeoutMs: number;
    maxInFlightBatches: number;
    retryAfterSeconds: number;
    /** model globs by producing service subject */
    producers: Map<string, string[]>;
  };
  retention: {
    rawEventsMs: number;
    minuteRollupsMs: number;
    hourRollupsMs: number;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  prometheus: {
    access: PrometheusAccess;
    token?: string;
    maxModels: number;
    maxLabelValues: number;
  };
  query: {
    maxPoints: number;
  };
};

const MS: Record<string, number> = {
  years: 365 * 86_400_000,
  months: 30 * 86_400_000,
  weeks: 7 * 86_400_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
  milliseconds: 1,
};

function readDurationMs(
  config: Config | undefined,
  key: string,
  defaultMs: number,
): number {
  if (!config?.has(key)) {
    return defaultMs;
  }
  const duration = readDurationFromConfig(config, { key });
  let ms = 0;
  for (const [unit, value] of Object.entries(duration)) {
    ms += (value ?? 0) * (MS[unit] ?? 0);
  }
  if (!(ms > 0)) {
    throw new InputError(`aiMetrics.${key} must be a positive duration`);
  }
  return ms;
}

function positiveInt(
  config: Config | undefined,
  key: string,
  defaultValue: number,
): number {
  const value = config?.getOptionalNumber(key) ?? defaultValue;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `aiMetrics.${key} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

/** The id of the workflows plugin's built-in local model. */
const LOCAL_MODEL = 'local-sentiment';

/**
 * The models each producing service may ingest. The console's own workflows
 * plugin (subject plugin:workflows) records the models the console runs:
 * its built-in model and `workflows.models[].id`, unless the config names
 * plugin:workflows itself.
 */
function readProducers(root: Config): Map<string, string[]> {
  const producers = new Map<string, string[]>();
  const entries =
    root.getOptionalConfigArray('aiMetrics.ingest.producers') ?? [];
  entries.forEach((entry, index) => {
    const key = `aiMetrics.ingest.producers[${index}]`;
    const subject = entry.getString('subject');
    const models = entry.getStringArray('models');
    if (producers.has(subject)) {
      throw new InputError(`${key}: ${subject} is listed twice`);
    }
    if (models.length === 0 || models.some(model => !model.trim())) {
      throw new InputError(`${key}.models must name at least one model`);
    }
    producers.set(subject, models);
  });
  if (!producers.has('plugin:workflows')) {
    const consoleModels = (
      root.getOptionalConfigArray('workflows.models') ?? []
    ).map(model => model.getString('id'));
    producers.set('plugin:workflows', [LOCAL_MODEL, ...consoleModels]);
  }
  return producers;
}

/** Reads `aiMetrics` from the app config; throws on invalid values. */
export function readAiMetricsOptions(root: Config): AiMetricsOptions {
  const config = root.getOptionalConfig('aiMetrics');

  const configured =
    config?.getOptionalString('prometheus.access') ?? 'permission';
  // 'authenticated' let any signed-in user read every model; a config that
  // still says so gets the permission check, which Prometheus' service
  // token passes as before
  const access = (
    configured === 'authenticated' ? 'permission' : configured
  ) as PrometheusAccess;
  if (!['permission', 'token', 'public'].includes(access)) {
    throw new InputError(
      `aiMetrics.prometheus.access must be permission, token or public, got ${configured}`,
    );
  }
  const token = config?.getOptionalString('prometheus.token');
  if (access === 'token' && !token) {
    throw new InputError(
      'aiMetrics.prometheus.access is token but aiMetrics.prometheus.token is not set',
    );
  }

  const scheduleConfig = config?.getOptionalConfig('retention.schedule');
  return {
    ingest: {
      maxBatchSize: positiveInt(config, 'ingest.maxBatchSize', 1000),
      maxBodySize:
        config?.getOptional<string | number>('ingest.maxBodySize') ?? '1mb',
      bodyTimeoutMs: readDurationMs(config, 'ingest.bodyTimeout', 10_000),
      maxInFlightBatches: positiveInt(config, 'ingest.maxInFlightBatches', 8),
      retryAfterSeconds: positiveInt(config, 'ingest.retryAfterSeconds', 1),
      producers: readProducers(root),
    },
    retention: {
      rawEventsMs: readDurationMs(config, 'retention.rawEvents', 7 * MS.days),
      minuteRollupsMs: readDurationMs(
        config,
        'retention.minuteRollups',
        30 * MS.days,
      ),
      hourRollupsMs: readDurationMs(
        config,
        'retention.hourRollups',
        365 * MS.days,
      ),
      schedule: scheduleConfig
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
        : {
            frequency: { hours: 1 },
            timeout: { minutes: 15 },
            initialDelay: { minutes: 1 },
          },
    },
    prometheus: {
      access,
      token,
      maxModels: positiveInt(config, 'prometheus.maxModels', 100),
      maxLabelValues: positiveInt(config, 'prometheus.maxLabelValues', 20),
    },
    query: {
      maxPoints: positiveInt(config, 'query.maxPoints', 1500),
    },
  };
}
