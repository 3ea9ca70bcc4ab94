import { mockServices } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemporalService } from './TemporalService';
import { WorkerService } from './WorkerService';

// The worker against the real Temporal dev server that scripts/test.sh
// starts (TEMPORAL_ADDRESS).
jest.setTimeout(60_000);

describe('WorkerService', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'worker-service-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs workflow code an installed package ships as TypeScript in node_modules', async () => {
    // as an adopter's app has it: the package under node_modules, its
    // workflow code TypeScript source (type-only imports, annotations)
    const dir = join(root, 'node_modules', '@acme', 'greetings', 'workflows');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'types.ts'),
      'export type Greeting = { name: string };\n',
    );
    writeFileSync(
      join(dir, 'index.ts'),
      [
        "import type { Greeting } from './types';",
        'export async function typedGreeting(input: Greeting): Promise<string> {',
        '  const words: string[] = ["hello", input.name];',
        "  return words.join(' ');",
        '}',
        '',
      ].join('\n'),
    );
    const address = process.env.TEMPORAL_ADDRESS;
    if (!address)
      throw new Error('TEMPORAL_ADDRESS must point at a Temporal server');
    const settings = {
      address,
      namespace: 'default',
      taskQueue: `worker-service-${randomUUID()}`,
      tls: false,
      rpcTimeoutMs: 5000,
    };
    const logger = mockServices.logger.mock();
    const worker = new WorkerService({
      settings,
      logger,
      types: [
        {
          name: 'typedGreeting',
          title: 'Greeting',
          description: 'Greets',
          inputSchema: {},
          workflowsPath: join(dir, 'index.ts'),
        },
      ],
      activities: {},
    });
    const temporal = new TemporalService({ settings, logger });
    await worker.start();
    try {
      await worker.ready;
      const result = await temporal
        .getClient()
        .workflow.execute('typedGreeting', {
          taskQueue: settings.taskQueue,
          workflowId: `worker-service-${randomUUID()}`,
          args: [{ name: 'adopter' }],
        });
      expect(result).toBe('hello adopter');
    } finally {
      await worker.stop();
      await temporal.close?.();
    }
  });

  it('refuses to start when the workflow code does not bundle, naming the type', async () => {
    const dir = join(root, 'node_modules', '@acme', 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.ts'),
      "export { missing } from './nowhere';\n",
    );
    const worker = new WorkerService({
      settings: {
        address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
        namespace: 'default',
        taskQueue: `worker-service-${randomUUID()}`,
        tls: false,
        rpcTimeoutMs: 5000,
      },
      logger: mockServices.logger.mock(),
      types: [
        {
          name: 'brokenType',
          title: 'Broken',
          description: 'Does not bundle',
          inputSchema: {},
          workflowsPath: join(dir, 'index.ts'),
        },
      ],
      activities: {},
    });
    await expect(worker.start()).rejects.toThrow(
      /the workflow code of brokenType did not bundle/,
    );
  });
});
