import { Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of workflow outcomes, on the plugin's own registry. */
export class WorkflowMetrics {
  readonly registry = new Registry();
  private readonly started: Counter<'workflow_type'>;
  private readonly closed: Counter<'workflow_type' | 'status'>;
  private readonly duration: Histogram<'workflow_type' | 'status'>;

  constructor() {
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
    this.started.inc({ workflow_type: type });
  }

  observeClosed(type: string, status: string, seconds: number) {
    this.closed.inc({ workflow_type: type, status });
    if (Number.isFinite(seconds) && seconds >= 0) {
      this.duration.observe({ workflow_type: type, status }, seconds);
    }
  }
}
