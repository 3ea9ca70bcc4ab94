import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  isDecisionSignal,
  workflowApprovePermission,
  workflowBatchPermission,
  workflowCancelPermission,
  workflowReadPermission,
  workflowSignalPermission,
  workflowStartPermission,
  workflowTerminatePermission,
  WorkflowCountsResponse,
  WorkflowExecutionDetail,
  WorkflowHistoryResponse,
  WorkflowListResponse,
  WORKFLOW_STATUSES,
  WorkflowTypeInfo,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowQueryLeaf, WorkflowResource } from '../permissions/rules';
import {
  STARTED_BY_ATTRIBUTE,
  startedByKey,
} from '../temporal/workflows/searchAttributes';
import { mapTemporalError } from './temporalErrors';
import { TemporalService } from './TemporalService';
import {
  decodePayloads,
  historyEventFromRaw,
  summaryFromRaw,
  timestampToIso,
} from './temporalConvert';
import { buildQuery, criteriaToQuery, WorkflowFilter } from './visibility';
import { WorkflowTypeRegistry } from './WorkflowTypeRegistry';

type Caller = { credentials: BackstageCredentials };
type ExecutionRef = Caller & { workflowId: string; runId?: string };

/**
 * Everything the workflows API does, with permission checks and Temporal
 * errors mapped to Backstage errors (404, 409, 400, 503).
 */
export class WorkflowService {
  private readonly temporal: TemporalService;
  private readonly registry: WorkflowTypeRegistry;
  private readonly permissions: PermissionsService;
  private readonly logger: LoggerService;
  private readonly authorizeResource: (
    decision: PolicyDecision,
    resource: WorkflowResource | undefined,
  ) => boolean;
  private readonly transform: ReturnType<
    typeof createConditionTransformer<WorkflowQueryLeaf>
  >;
  private searchAttributeReady?: Promise<void>;

  constructor(options: {
    temporal: TemporalService;
    registry: WorkflowTypeRegistry;
    permissions: PermissionsService;
    ruleset: PermissionRuleset<WorkflowResource, WorkflowQueryLeaf>;
    logger: LoggerService;
  }) {
    this.temporal = options.temporal;
    this.registry = options.registry;
    this.permissions = options.permissions;
    this.logger = options.logger;
    this.authorizeResource = createConditionAuthorizer(options.ruleset);
    this.transform = createConditionTransformer(options.ruleset);
  }

  private get namespace() {
    return this.temporal.settings.namespace;
  }

  private client(): Client {
    return this.temporal.getClient();
  }

  /** The registered types; for anyone who may read some executions. */
  async listTypes(options: Caller): Promise<WorkflowTypeInfo[]> {
    await this.requireSomeRead(options.credentials);
    return this.registry.list();
  }

  /** 403 unless the caller may read at least some executions. */
  async requireSomeRead(credentials: BackstageCredentials) {
    await this.permissionFragment(workflowReadPermission, credentials);
  }

  /**
   * 403 unless the caller may read every execution: for what is counted over
   * all of them (the outcome metrics), which a reader of some would learn
   * about the others.
   */
  async requireFullRead(credentials: BackstageCredentials) {
    const fragment = await this.permissionFragment(
      workflowReadPermission,
      credentials,
    );
    if (fragment !== undefined) {
      throw new NotAllowedError(
        `the metrics count every execution; they need ${workflowReadPermission.name} on all of them`,
      );
    }
  }

  async start(
    options: Caller & { type: string; input: unknown; workflowId?: string },
  ) {
    const type = this.registry.find(options.type);
    await this.requireBasic(workflowStartPermission, options.credentials);
    if (type?.startPermission) {
      await this.requireBasic(type.startPermission, options.credentials);
    }
    const input = this.registry.validateInput(options.type, options.input);
    await this.ensureSearchAttribute();
    const workflowId = options.workflowId ?? `${options.type}-${randomUUID()}`;
    const userRef = userRefOf(options.credentials);
    const handle = await this.call(() =>
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

  async list(
    options: Caller & {
      filter: WorkflowFilter;
      pageSize: number;
      pageToken?: string;
    },
  ): Promise<WorkflowListResponse> {
    const nextPageToken = options.pageToken
      ? decodeListPageToken(options.pageToken)
      : undefined;
    const query = await this.readableQuery(options.credentials, options.filter);
    if (query === undefined) return { items: [] };
    await this.ensureSearchAttribute();
    const response = await this.call(() =>
      this.client().workflowService.listWorkflowExecutions({
        namespace: this.namespace,
        pageSize: options.pageSize,
        nextPageToken,
        query,
      }),
    );
    const token = response.nextPageToken;
    return {
      items: (response.executions ?? []).map(summaryFromRaw),
      nextPageToken:
        token && token.length > 0 ? encodeListPageToken(token) : undefined,
    };
  }

  async counts(
    options: Caller & { filter: WorkflowFilter },
  ): Promise<WorkflowCountsResponse> {
    const query = await this.readableQuery(options.credentials, options.filter);
    if (query === undefined) return { total: 0, byStatus: {} };
    await this.ensureSearchAttribute();
    const grouped = `${query ? `${query} ` : ''}GROUP BY ExecutionStatus`;
    const result = await this.call(() => this.client().workflow.count(grouped));
    const byStatus: WorkflowCountsResponse['byStatus'] = {};
    for (const group of result.groups) {
      const status = String(group.groupValues[0]);
      const known = WORKFLOW_STATUSES.find(s => s === status);
      if (known) byStatus[known] = group.count;
    }
    return { total: result.count, byStatus };
  }

  async describe(options: ExecutionRef): Promise<WorkflowExecutionDetail> {
    const { description, resource } = await this.load(options);
    await this.requireResource(
      workflowReadPermission,
      options.credentials,
      resource,
    );
    const raw = description.raw;
    const summary = summaryFromRaw(raw.workflowExecutionInfo ?? {});
    const [first, last] = await Promise.all([
      this.firstEvent(options.workflowId, summary.runId),
      summary.status === 'Running'
        ? undefined
        : this.closeEvent(options.workflowId, summary.runId),
    ]);
    const type = this.registry.find(summary.type);
    return {
      ...summary,
      input: decodePayloads(
        first?.workflowExecutionStartedEventAttributes?.input,
      ),
      ...closeOutcome(last),
      pendingActivities: (raw.pendingActivities ?? []).map(a => ({
        activityId: a.activityId ?? '',
        activityType: a.activityType?.name ?? '',
        state:
          (temporal.api.enums.v1.PendingActivityState as any)[a.state ?? 0]
            ?.replace(/^PENDING_ACTIVITY_STATE_/, '')
            .toLowerCase() ?? 'unknown',
        attempt: a.attempt ?? 0,
        lastFailure: a.lastFailure?.message ?? undefined,
        lastHeartbeatTime: timestampToIso(a.lastHeartbeatTime),
        heartbeatDetails: decodePayloads(a.heartbeatDetails),
      })),
      queries: type?.queries ?? [],
      signals: type?.signals ?? [],
    };
  }

  async history(
    options: ExecutionRef & { pageSize: number; pageToken?: string },
  ): Promise<WorkflowHistoryResponse> {
    const { resource, runId } = await this.load(options);
    await this.requireResource(
      workflowReadPermission,
      options.credentials,
      resource,
    );
    const response = await this.call(() =>
      this.client().workflowService.getWorkflowExecutionHistory({
        namespace: this.namespace,
        execution: { workflowId: options.workflowId, runId },
        maximumPageSize: options.pageSize,
        nextPageToken: options.pageToken
          ? Buffer.from(options.pageToken, 'base64url')
          : undefined,
      }),
    );
    const token = response.nextPageToken;
    return {
      events: (response.history?.events ?? []).map(historyEventFromRaw),
      nextPageToken:
        token && token.length > 0
          ? Buffer.from(token).toString('base64url')
          : undefined,
    };
  }

  async query(options: ExecutionRef & { name: string; args: unknown[] }) {
    const { resource, runId } = await this.load(options);
    await this.requireResource(
      workflowReadPermission,
      options.credentials,
      resource,
    );
    const type = this.registry.find(resource.type);
    if (type && !(type.queries ?? []).some(q => q.name === options.name)) {
      throw new InputError(
        `${resource.type} has no query "${options.name}"; it has: ${
          (type.queries ?? []).map(q => q.name).join(', ') || 'none'
        }`,
      );
    }
    const result = await this.call(() =>
      this.client()
        .workflow.getHandle(options.workflowId, runId)
        .query(options.name, ...options.args),
    );
    return { result };
  }

  /**
   * Sends a declared signal. A decision (approve, reject) needs its own
   * permission instead of the signal one, a user who did not start the
   * execution, and carries that user as who decided.
   */
  async signal(options: ExecutionRef & { name: string; payload?: unknown }) {
    const { resource, runId } = await this.load(options);
    const decision = isDecisionSignal(options.name);
    if (decision) requireSomeoneElse(options, resource);
    await this.requireResource(
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
    await this.call(() =>
      this.client()
        .workflow.getHandle(options.workflowId, runId)
        .signal(options.name, ...(payload === undefined ? [] : [payload])),
    );
    return { workflowId: options.workflowId, runId };
  }

  async cancel(options: ExecutionRef) {
    const { resource, runId } = await this.load(options);
    await this.requireResource(
      workflowCancelPermission,
      options.credentials,
      resource,
    );
    await this.call(() =>
      this.client().workflow.getHandle(options.workflowId, runId).cancel(),
    );
    return { workflowId: options.workflowId, runId };
  }

  async terminate(options: ExecutionRef & { reason: string }) {
    const { resource, runId } = await this.load(options);
    await this.requireResource(
      workflowTerminatePermission,
      options.credentials,
      resource,
    );
    const by = userRefOf(options.credentials) ?? 'a service';
    await this.call(() =>
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
    await this.requireBasic(workflowBatchPermission, options.credentials);
    const permission =
      options.action === 'cancel'
        ? workflowCancelPermission
        : workflowTerminatePermission;
    const fragment = await this.permissionFragment(
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
    await this.ensureSearchAttribute();
    const jobId = `console-${options.action}-${randomUUID()}`;
    const by = userRefOf(options.credentials) ?? 'a service';
    const { count } = await this.call(() =>
      this.client().workflow.count(query),
    );
    await this.call(() =>
      this.client().workflowService.startBatchOperation({
        namespace: this.namespace,
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
    await this.requireBasic(workflowBatchPermission, options.credentials);
    const r = await this.call(() =>
      this.client().workflowService.describeBatchOperation({
        namespace: this.namespace,
        jobId: options.jobId,
      }),
    );
    const state = (temporal.api.enums.v1.BatchOperationState as any)[
      r.state ?? 0
    ] as string | undefined;
    return {
      jobId: options.jobId,
      state:
        state?.replace(/^BATCH_OPERATION_STATE_/, '').toLowerCase() ??
        'unknown',
      total: Number(r.totalOperationCount ?? 0),
      completed: Number(r.completeOperationCount ?? 0),
      failed: Number(r.failureOperationCount ?? 0),
    };
  }

  /** Loads one execution as a permission resource; 404 when it does not exist. */
  async getResource(workflowId: string, runId?: string) {
    return (await this.load({ workflowId, runId } as ExecutionRef)).resource;
  }

  // ---------------------------------------------------------------------------

  private async load(options: { workflowId: string; runId?: string }) {
    if (!options.workflowId) throw new InputError('workflowId is required');
    const description = await this.call(() =>
      this.client()
        .workflow.getHandle(options.workflowId, options.runId)
        .describe(),
    );
    const resource: WorkflowResource = {
      workflowId: description.workflowId,
      type: description.type,
      namespace: this.namespace,
      startedBy: description.typedSearchAttributes.get(startedByKey),
    };
    return { description, resource, runId: description.runId };
  }

  private async firstEvent(workflowId: string, runId: string) {
    const r = await this.call(() =>
      this.client().workflowService.getWorkflowExecutionHistory({
        namespace: this.namespace,
        execution: { workflowId, runId },
        maximumPageSize: 1,
      }),
    );
    return r.history?.events?.[0];
  }

  private async closeEvent(workflowId: string, runId: string) {
    const r = await this.call(() =>
      this.client().workflowService.getWorkflowExecutionHistory({
        namespace: this.namespace,
        execution: { workflowId, runId },
        historyEventFilterType:
          temporal.api.enums.v1.HistoryEventFilterType
            .HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
      }),
    );
    return r.history?.events?.[0];
  }

  private async readableQuery(
    credentials: BackstageCredentials,
    filter: WorkflowFilter,
  ) {
    const fragment = await this.permissionFragment(
      workflowReadPermission,
      credentials,
    );
    return buildQuery(filter, fragment);
  }

  /**
   * The visibility fragment a conditional decision allows; undefined for
   * ALLOW; throws 403 for DENY.
   */
  private async permissionFragment(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      throw new NotAllowedError(`you may not use ${permission.name}`);
    }
    return criteriaToQuery(this.transform(decision.conditions), this.namespace);
  }

  private async requireBasic(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`you may not use ${permission.name}`);
    }
  }

  private async requireResource(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
    resource: WorkflowResource,
  ) {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!this.authorizeResource(decision, resource)) {
      throw new NotAllowedError(
        `you may not use ${permission.name} on ${resource.workflowId}`,
      );
    }
  }

  /** Registers the search attribute that records who started an execution. */
  private ensureSearchAttribute(): Promise<void> {
    this.searchAttributeReady ??= (async () => {
      const operator = this.temporal.getConnection().operatorService;
      const existing = await this.call(() =>
        operator.listSearchAttributes({ namespace: this.namespace }),
      );
      if (existing.customAttributes?.[STARTED_BY_ATTRIBUTE] !== undefined) {
        return;
      }
      try {
        await this.call(() =>
          operator.addSearchAttributes({
            namespace: this.namespace,
            searchAttributes: {
              [STARTED_BY_ATTRIBUTE]:
                temporal.api.enums.v1.IndexedValueType
                  .INDEXED_VALUE_TYPE_KEYWORD,
            },
          }),
        );
        this.logger.info(
          `registered search attribute ${STARTED_BY_ATTRIBUTE} in ${this.namespace}`,
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    })().catch(error => {
      this.searchAttributeReady = undefined;
      throw error;
    });
    return this.searchAttributeReady;
  }

  /** Runs a Temporal call with a deadline and maps its errors. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    const connection = this.temporal.getConnection();
    try {
      return await connection.withDeadline(
        Date.now() + this.temporal.settings.rpcTimeoutMs,
        fn,
      );
    } catch (error) {
      throw mapTemporalError(error, {
        address: this.temporal.settings.address,
        logger: this.logger,
      });
    }
  }
}

/**
 * List page tokens are Temporal's token behind the first bytes of its
 * SHA-256. Temporal answers a token it cannot read with UNKNOWN, which its
 * client retries until the deadline (a 503 after seconds); a token this API
 * did not hand out is refused here at once.
 */
const PAGE_TOKEN_CHECK_BYTES = 8;

const pageTokenCheck = (token: Uint8Array) =>
  createHash('sha256')
    .update(token)
    .digest()
    .subarray(0, PAGE_TOKEN_CHECK_BYTES);

function encodeListPageToken(token: Uint8Array): string {
  return Buffer.concat([pageTokenCheck(token), token]).toString('base64url');
}

function decodeListPageToken(pageToken: string): Buffer {
  const raw = Buffer.from(pageToken, 'base64url');
  const token = raw.subarray(PAGE_TOKEN_CHECK_BYTES);
  if (
    token.length === 0 ||
    !pageTokenCheck(token).equals(raw.subarray(0, PAGE_TOKEN_CHECK_BYTES))
  ) {
    throw new InputError(
      'invalid query: pageToken: not a nextPageToken of this list',
    );
  }
  return token;
}

/**
 * Four eyes: a decision is a user's, and not the one who started the
 * execution (compared as the search attribute stores it, lower case).
 * Executions started outside the console have no starter to compare with.
 */
function requireSomeoneElse(
  options: ExecutionRef & { name: string },
  resource: WorkflowResource,
) {
  const by = userRefOf(options.credentials);
  if (!by) throw new NotAllowedError(`only a user can ${options.name}`);
  if (
    resource.startedBy !== undefined &&
    resource.startedBy.toLocaleLowerCase('en-US') ===
      by.toLocaleLowerCase('en-US')
  ) {
    throw new NotAllowedError(
      `you started ${resource.workflowId}, so someone else must ${options.name} it`,
    );
  }
}

function userRefOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

function closeOutcome(
  event: temporal.api.history.v1.IHistoryEvent | undefined,
): Pick<WorkflowExecutionDetail, 'result' | 'failure'> {
  if (!event) return {};
  const completed = event.workflowExecutionCompletedEventAttributes;
  if (completed) return { result: decodePayloads(completed.result) };
  const failed = event.workflowExecutionFailedEventAttributes;
  if (failed?.failure) {
    return {
      failure: {
        message: failed.failure.message ?? 'failed',
        type: failed.failure.applicationFailureInfo?.type ?? undefined,
      },
    };
  }
  const terminated = event.workflowExecutionTerminatedEventAttributes;
  if (terminated) {
    return {
      failure: {
        message: terminated.reason || 'terminated',
        type: 'Terminated',
      },
    };
  }
  if (event.workflowExecutionCanceledEventAttributes) {
    return { failure: { message: 'canceled', type: 'Canceled' } };
  }
  if (event.workflowExecutionTimedOutEventAttributes) {
    return { failure: { message: 'timed out', type: 'TimedOut' } };
  }
  return {};
}
