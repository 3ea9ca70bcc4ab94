import { ResponseError } from '@backstage/errors';
import type { WorkflowsApiSpec } from '@ai-ops-console/backstage-plugin-workflows-common';
import { ApiClient } from '@ai-ops-console/console-common';
import { DemoExecution } from '../demoWorkflows';
import { DemoPart } from './DemoPart';

const isStatus = (error: unknown, status: number) =>
  error instanceof ResponseError && error.statusCode === status;

/**
 * The demo's executions, started through the workflows API on Temporal and
 * run by the console's worker like any other.
 */
export class DemoWorkflows implements DemoPart {
  readonly name = 'workflows';

  constructor(
    private readonly deps: {
      workflows: ApiClient<WorkflowsApiSpec['operations']>;
      plan: DemoExecution[];
    },
  ) {}

  /** No execution at all in the namespace (Temporal keeps its own data). */
  async isEmpty() {
    const { total } = await this.deps.workflows.countExecutions();
    return total === 0;
  }

  async seed() {
    const started: string[] = [];
    for (const execution of this.deps.plan) {
      if (await this.exists(execution.workflowId)) continue;
      try {
        await this.deps.workflows.startExecution({
          body: {
            type: execution.type,
            workflowId: execution.workflowId,
            input: execution.input,
          },
        });
        started.push(execution.workflowId);
      } catch (error) {
        // 409: running already (visibility had not shown it yet)
        if (!isStatus(error, 409)) throw error;
      }
    }
    return `started ${started.length} execution(s)${
      started.length ? `: ${started.join(', ')}` : ''
    }`;
  }

  private async exists(workflowId: string) {
    try {
      await this.deps.workflows.describeExecution({ params: { workflowId } });
      return true;
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw error;
    }
  }
}
