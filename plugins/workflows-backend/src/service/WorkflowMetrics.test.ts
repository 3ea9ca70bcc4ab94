import { WorkflowMetrics } from './WorkflowMetrics';

describe('WorkflowMetrics', () => {
  it('labels registered types by name and every other type as one value', async () => {
    // the change feed sees every execution of the namespace, started by
    // anyone with access to Temporal under any type name
    const metrics = new WorkflowMetrics({
      isRegisteredType: type => type === 'modelEvaluation',
    });
    metrics.observeStarted('modelEvaluation');
    for (let n = 0; n < 1000; n++) {
      metrics.observeStarted(`someonesType${n}`);
      metrics.observeClosed(`someonesType${n}`, 'Completed', 1);
    }
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'ai_console_workflow_executions_started_total{workflow_type="modelEvaluation"} 1',
    );
    expect(text).toContain(
      'ai_console_workflow_executions_started_total{workflow_type="other"} 1000',
    );
    expect(text).toContain(
      'ai_console_workflow_executions_closed_total{workflow_type="other",status="Completed"} 1000',
    );
    expect(text).not.toMatch(/someonesType/);
  });

  it('labels statuses it does not know as Unknown', async () => {
    const metrics = new WorkflowMetrics({ isRegisteredType: () => true });
    metrics.observeClosed('modelEvaluation', 'Paused-by-a-newer-server', 1);
    expect(await metrics.registry.metrics()).toContain(
      'ai_console_workflow_executions_closed_total{workflow_type="modelEvaluation",status="Unknown"} 1',
    );
  });
});
