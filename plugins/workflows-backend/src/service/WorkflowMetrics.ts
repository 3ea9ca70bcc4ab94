import { WORKFLOW_STATUSES } from '@ai-ops-console/backstage-plugin-workflows-common';
import { Counter, Histogram, Registry } from 'prom-client';

/** The `workflow_type` of executions of types the console does not register. */
export const OTHER_WORKFLOW_TYPE = 'other';

const STATUSES = new Set<string>(WORKFLOW_STATUSES);

/**
 * Prometheus metrics of workflow outcomes, on the plugin's own registry.
 * The change feed reports every execution of the namespace, whoever started
 * it under whatever type name: label values come from the registered types
 * and the known statuses only, so that they stay few.
 */
export class WorkflowMetrics {
  readonly registry = new Registry();
  private readonly isRegisteredType: (type: string) => boolean;
  private readonly started: Counter<'workflow_type'>;
  private readonly closed: Counter<'workflow_type' | 'status'>;
  private readonly duration: Histogram<'workflow_type' | 'status'>;

  constructor(options: { isRegisteredType(type: string): boolean }) {
    this.isRegisteredType = options.isRegisteredType;
    this.started = new Counter({
      name: 'ai_console_workflow_executions_started_total',
      help: 'Workflow executions seen starting, by type',
      labelNames: ['workflow_type'],
      registers: [this.registry],
    });
    this.closed = new Counter({
      name: 'ai_console_workflow_executions_closed_total',
      help: 'Workflow executions seen closing, by type and outcome',
      labelNames: ['workflow_type', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'ai_console_workflow_execution_duration_seconds',
      help: 'Start-to-close time of workflow executions, by type and outcome',
      labelNames: ['workflow_type', 'status'],
      buckets: [0.5, 1, 5, 15, 30, 60, 300, 900, 3600, 14400, 86400],
      registers: [this.registry],
    });
  }

  observeStarted(type: string) {
    this.started.inc({ workflow_type: this.typeLabel(type) });
  }

  observeClosed(type: string, status: string, seconds: number) {
    const labels = {
      workflow_type: this.typeLabel(type),
      status: STATUSES.has(status) ? status : 'Unknown',
    };
    this.closed.inc(labels);
    if (Number.isFinite(seconds) && seconds >= 0) {
      this.duration.observe(labels, seconds);
    }
  }

  private typeLabel(type: string) {
    return this.isRegisteredType(type) ? type : OTHER_WORKFLOW_TYPE;
  }
}
