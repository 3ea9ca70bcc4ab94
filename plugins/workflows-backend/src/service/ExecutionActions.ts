import { InputError, NotAllowedError } from '@backstage/errors';
import {
  isDecisionSignal,
  workflowApprovePermission,
  workflowBatchPermission,
  workflowCancelPermission,
  workflowSignalPermission,
  workflowStartPermission,
  workflowTerminatePermission,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { randomUUID } from 'node:crypto';
import { startedByKey } from '../temporal/workflows/searchAttributes';
import {
  Caller,
  ExecutionRef,
  ExecutionServiceOptions,
  loadExecution,
  loadExecutionFor,
} from './loadExecution';
import { batchStatusFromRaw } from './temporalConvert';
import { TemporalService } from './TemporalService';
import { buildQuery, WorkflowFilter } from './visibility';
import { userRefOf, WorkflowAccess } from './WorkflowAccess';
import { WorkflowTypeRegistry } from './WorkflowTypeRegistry';

/**
 * What a caller may do to executions: start, signal (approve and reject
 * among the signals), cancel, terminate, and cancel or terminate many at
 * once. Each checks its permission first; who acted comes from the caller's
 * identity, never from the request body.
 */
export class ExecutionActions {
  private readonly temporal: TemporalService;
  private readonly registry: WorkflowTypeRegistry;
  private readonly access: WorkflowAccess;

  constructor(options: ExecutionServiceOptions) {
    this.temporal = options.temporal;
    this.registry = options.registry;
    this.access = options.access;
  }

  private client() {
    return this.temporal.getClient();
  }

  async start(
    options: Caller & { type: string; input: unknown; workflowId?: string },
  ) {
    const type = this.registry.find(options.type);
    // a type's own start permission comes on top, asked in the same call
    await this.access.gate.require(
      options.credentials,
      workflowStartPermission,
      ...(type?.startPermission ? [type.startPermission] : []),
    );
    const input = this.registry.validateInput(options.type, options.input);
    await this.temporal.ensureStartedByAttribute();
    const workflowId = options.workflowId ?? `${options.type}-${randomUUID()}`;
    const userRef = userRefOf(options.credentials);
    const handle = await this.temporal.call(() =>
      this.client().workflow.start(options.type, {
        taskQueue: this.temporal.settings.taskQueue,
        workflowId,
        args: [input],
        typedSearchAttributes: userRef
          ? [{ key: startedByKey, value: userRef.toLocaleLowerCase('en-US') }]
          : [],
      }),
    );
    return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
  }

  /**
   * Sends a declared signal. A decision (approve, reject) needs its own
   * permission instead of the signal one, a user who did not start the
   * execution, and carries that user as who decided.
   */
  async signal(options: ExecutionRef & { name: string; payload?: unknown }) {
    const { resource, runId } = await this.load(options);
    const decision = isDecisionSignal(options.name);
    if (decision) {
      await this.access.requireSomeoneElse({
        credentials: options.credentials,
        name: options.name,
        resource,
      });
    }
    await this.access.requireResource(
      decision ? workflowApprovePermission : workflowSignalPermission,
      options.credentials,
      resource,
    );
    const type = this.registry.find(resource.type);
    const declared = type?.signals?.find(s => s.name === options.name);
    if (type && !declared) {
      throw new InputError(
        `${resource.type} accepts no signal "${options.name}"; it accepts: ${
          (type.signals ?? []).map(s => s.name).join(', ') || 'none'
        }`,
      );
    }
    let payload = options.payload;
    if (decision) {
      // who decided comes from the caller's identity, never from the body
      payload = {
        ...(payload as object | undefined),
        by: userRefOf(options.credentials),
      };
    }
    await this.temporal.call(() =>
      this.client()
        .workflow.getHandle(options.workflowId, runId)
        .signal(options.name, ...(payload === undefined ? [] : [payload])),
    );
    return { workflowId: options.workflowId, runId };
  }

  async cancel(options: ExecutionRef) {
    const { runId } = await this.loadFor(workflowCancelPermission, options);
    await this.temporal.call(() =>
      this.client().workflow.getHandle(options.workflowId, runId).cancel(),
    );
    return { workflowId: options.workflowId, runId };
  }

  async terminate(options: ExecutionRef & { reason: string }) {
    const { runId } = await this.loadFor(workflowTerminatePermission, options);
    const by = userRefOf(options.credentials) ?? 'a service';
    await this.temporal.call(() =>
      this.client()
        .workflow.getHandle(options.workflowId, runId)
        .terminate(`${options.reason} (by ${by})`),
    );
    return { workflowId: options.workflowId, runId };
  }

  /**
   * Cancels or terminates every execution matching the filter that the caller
   * may cancel or terminate, as one Temporal batch operation.
   */
  async batch(
    options: Caller & {
      action: 'cancel' | 'terminate';
      reason: string;
      filter: WorkflowFilter;
    },
  ) {
    await this.access.gate.require(
      options.credentials,
      workflowBatchPermission,
    );
    const permission =
      options.action === 'cancel'
        ? workflowCancelPermission
        : workflowTerminatePermission;
    const fragment = await this.access.queryFragment(
      permission,
      options.credentials,
    );
    const query = buildQuery(
      { ...options.filter, status: ['Running'] },
      fragment,
    );
    if (query === undefined) {
      throw new NotAllowedError(
        `you may not ${options.action} any workflow execution`,
      );
    }
    await this.temporal.ensureStartedByAttribute();
    const jobId = `console-${options.action}-${randomUUID()}`;
    const by = userRefOf(options.credentials) ?? 'a service';
    const { count } = await this.temporal.call(() =>
      this.client().workflow.count(query),
    );
    await this.temporal.call(() =>
      this.client().workflowService.startBatchOperation({
        namespace: this.temporal.settings.namespace,
        jobId,
        visibilityQuery: query,
        reason: `${options.reason} (by ${by})`,
        ...(options.action === 'cancel'
          ? { cancellationOperation: { identity: by } }
          : { terminationOperation: { identity: by } }),
      }),
    );
    return { jobId, query, matched: count };
  }

  async batchStatus(options: Caller & { jobId: string }) {
    await this.access.gate.require(
      options.credentials,
      workflowBatchPermission,
    );
    const raw = await this.temporal.call(() =>
      this.client().workflowService.describeBatchOperation({
        namespace: this.temporal.settings.namespace,
        jobId: options.jobId,
      }),
    );
    return batchStatusFromRaw(options.jobId, raw);
  }

  private load(options: ExecutionRef) {
    return loadExecution({ ...options, temporal: this.temporal });
  }

  private loadFor(permission: ResourcePermission, options: ExecutionRef) {
    return loadExecutionFor({
      ...options,
      temporal: this.temporal,
      access: this.access,
      permission,
    });
  }
}
