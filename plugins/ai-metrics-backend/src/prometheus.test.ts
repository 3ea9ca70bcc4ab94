import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PrometheusMetrics } from './service/PrometheusMetrics';
import { eventRecord } from './__testUtils__/events';

const promtool = process.env.PROMTOOL_PATH || 'promtool';
const dir = resolvePackagePath(
  '@ai-ops-console/backstage-plugin-ai-metrics-backend',
  'prometheus',
);

/** Runs promtool; a missing promtool fails with what to do about it. */
function runPromtool(args: string[], input?: string) {
  const result = spawnSync(promtool, args, {
    cwd: dir,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(
      `promtool is missing (looked for '${promtool}'): run scripts/prometheus.sh ensure, or set PROMTOOL_PATH`,
    );
  }
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** An exposition with every metric, label and overflow the plugin can produce. */
async function exposition(): Promise<string> {
  const metrics = new PrometheusMetrics({ maxModels: 2, maxLabelValues: 2 });
  metrics.recordAccepted([
    eventRecord({ id: '1', score: 0.9, inputTokens: 1200, outputTokens: 300 }),
    eventRecord({ id: '2', model: 'claude', errorType: 'timeout' }),
    eventRecord({ id: '3', model: 'third-model-overflows', outputTokens: 0 }),
  ]);
  metrics.recordDuplicates(2);
  metrics.recordOverload();
  return (await metrics.expose()).body;
}

describe('Prometheus rules and exposition (promtool)', () => {
  it('finds promtool', () => {
    const { status, output } = runPromtool(['--version']);
    expect(status).toBe(0);
    expect(output).toMatch(/promtool, version/);
  });

  it('promtool check rules accepts alerts.yaml', () => {
    const { status, output } = runPromtool(['check', 'rules', 'alerts.yaml']);
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  it('promtool test rules passes the unit tests of the alerts', () => {
    const { status, output } = runPromtool([
      'test',
      'rules',
      'alerts.test.yaml',
    ]);
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  it('promtool check metrics finds no problem in the real exposition text', async () => {
    const text = await exposition();
    expect(text).toContain('gen_ai_request_model="_overflow"');
    const { status, output } = runPromtool(['check', 'metrics'], text);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('alerts only use metrics the exposition has', async () => {
    const text = await exposition();
    const exported = new Set(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
        type === 'histogram'
          ? [`${name}_bucket`, `${name}_count`, `${name}_sum`]
          : [name],
      ),
    );
    const rules = parse(readFileSync(join(dir, 'alerts.yaml'), 'utf8'));
    for (const rule of rules.groups.flatMap((g: any) => g.rules)) {
      // metric selectors: a name followed by { or [ (label names are followed by = or ,)
      const names = [
        ...String(rule.expr).matchAll(/\b((?:gen_ai|ai_console)_[a-z_]+)[{[]/g),
      ].map(match => match[1]);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect({
          alert: rule.alert,
          name,
          exported: exported.has(name),
        }).toEqual({ alert: rule.alert, name, exported: true });
      }
    }
  });
});
