import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { msToTs } from '@temporalio/common/lib/time';
import { randomUUID } from 'node:crypto';
import { builtInWorkflowTypes } from '../../temporal/builtInTypes';
import { ModelRegistry } from '../../temporal/models/ModelRegistry';
import { startedByKey } from '../../temporal/workflows/searchAttributes';
import { TemporalService } from '../TemporalService';
import { WorkflowTypeRegistry } from '../WorkflowTypeRegistry';

/**
 * A TemporalService on the real Temporal dev server (TEMPORAL_ADDRESS), in
 * the default namespace, on a task queue no worker polls: executions wait
 * until a test closes them.
 */
export function testTemporal(logger = mockServices.logger.mock()) {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    throw new Error('TEMPORAL_ADDRESS must point at a Temporal server');
  }
  return TemporalService.fromConfig({
    config: new ConfigReader({
      workflows: {
        temporal: {
          address,
          namespace: 'default',
          taskQueue: `nobody-polls-${randomUUID()}`,
          registerSearchAttributes: true,
        },
      },
    }),
    logger,
  });
}

/**
 * A namespace of its own on the real Temporal server, without the console's
 * search attributes (a fresh namespace has no custom ones); `remove` deletes
 * it.
 */
export async function createTestNamespace(prefix = 'console-test') {
  const namespace = `${prefix}-${randomUUID().slice(0, 8)}`;
  const admin = testTemporal();
  const connection = admin.getConnection();
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  return {
    namespace,
    async remove() {
      await connection.operatorService
        .deleteNamespace({ namespace })
        .catch(() => undefined);
      await admin.close();
    },
  };
}

/** The registry of the built-in workflow types, as the plugin fills it. */
export function testRegistry() {
  const registry = new WorkflowTypeRegistry();
  const models = ModelRegistry.fromConfig(new ConfigReader({}));
  for (const type of builtInWorkflowTypes(models)) registry.add(type);
  return registry;
}

/**
 * Starts modelPromotion executions that wait (nobody polls their task
 * queue), as started from the console by `startedBy` when given, and
 * terminates those still running at `closeAll`.
 */
export function waitingExecutions(temporal: TemporalService) {
  const started: string[] = [];
  return {
    async start(options: { startedBy?: string; idPrefix?: string } = {}) {
      await temporal.ensureStartedByAttribute();
      const workflowId = `${options.idPrefix ?? 'waiting'}-${randomUUID()}`;
      const handle = await temporal
        .getClient()
        .workflow.start('modelPromotion', {
          taskQueue: temporal.settings.taskQueue,
          workflowId,
          args: [{ model: 'local-sentiment', toVersion: 'v2' }],
          typedSearchAttributes: options.startedBy
            ? [{ key: startedByKey, value: options.startedBy }]
            : [],
        });
      started.push(workflowId);
      return { workflowId, runId: handle.firstExecutionRunId };
    },
    /** Terminates this one too at `closeAll`. */
    track(workflowId: string) {
      started.push(workflowId);
    },
    async closeAll() {
      const client = temporal.getClient();
      await Promise.all(
        started.map(id =>
          client.workflow
            .getHandle(id)
            .terminate('test done')
            .catch(() => undefined),
        ),
      );
    },
  };
}

/**
 * Visibility is eventually consistent: asks again until the answer passes
 * the check, and returns the last answer either way.
 */
export async function eventually<T>(
  ask: () => Promise<T>,
  check: (answer: T) => boolean,
): Promise<T> {
  let answer = await ask();
  for (let i = 0; i < 100 && !check(answer); i++) {
    await new Promise(resolve => setTimeout(resolve, 100));
    answer = await ask();
  }
  return answer;
}
