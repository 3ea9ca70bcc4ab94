import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `console.demoData` (config.d.ts), read once. */
export type DemoDataSettings = {
  enabled: boolean;
  modelLatencyMs: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
};

/** Below the built-in workflows' activity heartbeat timeout (1 minute). */
const MAX_MODEL_LATENCY_MS = 50_000;

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  // the other plugins' routes answer only once the backend has started
  initialDelay: { seconds: 10 },
  // a run that failed (a plugin or Temporal not up yet) is tried again
  frequency: { seconds: 30 },
  timeout: { minutes: 5 },
};

/**
 * Reads `console.demoData`. Refuses it on in production: the demo invites
 * the dev IdP's addresses, admin@console.example as an admin.
 */
export function readDemoDataSettings(
  config: Config,
  nodeEnv = process.env.NODE_ENV,
): DemoDataSettings {
  const demo = config.getOptionalConfig('console.demoData');
  const enabled = demo?.getOptionalBoolean('enabled') ?? false;
  if (enabled && nodeEnv === 'production') {
    throw new InputError(
      'console.demoData.enabled is for development: it invites the dev IdP users, admin@console.example as an admin. Remove it from the production config',
    );
  }
  const modelLatencyMs = demo?.getOptionalNumber('modelLatencyMs') ?? 6000;
  if (
    !Number.isInteger(modelLatencyMs) ||
    modelLatencyMs < 0 ||
    modelLatencyMs > MAX_MODEL_LATENCY_MS
  ) {
    throw new InputError(
      `console.demoData.modelLatencyMs must be an integer from 0 to ${MAX_MODEL_LATENCY_MS}, not ${modelLatencyMs}`,
    );
  }
  const schedule = demo?.getOptionalConfig('schedule');
  return {
    enabled,
    modelLatencyMs,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
  };
}
