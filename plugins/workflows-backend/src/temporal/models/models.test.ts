import { ConfigReader } from '@backstage/config';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import {
  ModelRegistry,
  LOCAL_MODEL_ID,
  BUILT_IN_DATASET_ID,
} from './ModelRegistry';
import { OpenAICompatibleAdapter } from './OpenAICompatibleAdapter';

describe('the local model', () => {
  it('classifies the held-out evaluation split well above chance', async () => {
    const registry = ModelRegistry.fromConfig(new ConfigReader({}));
    const model = registry.model(LOCAL_MODEL_ID);
    const dataset = registry.dataset(BUILT_IN_DATASET_ID);
    let correct = 0;
    for (const row of dataset.eval) {
      const r = await model.classify({
        text: row.text,
        labels: dataset.labels,
      });
      if (r.label === row.label) correct += 1;
      expect(r.inputTokens).toBeGreaterThan(0);
    }
    expect(dataset.eval).toHaveLength(40);
    expect(correct / dataset.eval.length).toBeGreaterThanOrEqual(0.75);
  });

  it('names unknown models and datasets', () => {
    const registry = ModelRegistry.fromConfig(new ConfigReader({}));
    expect(() => registry.model('gpt-x')).toThrow(
      /unknown model "gpt-x"; known: local-sentiment/,
    );
    expect(() => registry.dataset('imdb')).toThrow(/unknown dataset "imdb"/);
  });
});

describe('OpenAICompatibleAdapter', () => {
  let server: Server;
  let baseUrl: string;
  const requests: Array<{ auth?: string; body: any }> = [];
  let reply: (res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let data = '';
      req.on('data', c => (data += c));
      req.on('end', () => {
        requests.push({
          auth: req.headers.authorization,
          body: JSON.parse(data),
        });
        reply(res);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('sends a chat completion and reads the label and token usage', async () => {
    reply = res => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          choices: [{ message: { content: ' Positive.' } }],
          usage: { prompt_tokens: 31, completion_tokens: 2 },
        }),
      );
    };
    const adapter = new OpenAICompatibleAdapter({
      id: 'remote',
      baseUrl,
      model: 'small-chat',
      apiKey: 'sk-test',
    });
    await expect(
      adapter.classify({
        text: 'great release',
        labels: ['positive', 'negative'],
      }),
    ).resolves.toEqual({ label: 'positive', inputTokens: 31, outputTokens: 2 });
    const last = requests[requests.length - 1];
    expect(last.auth).toBe('Bearer sk-test');
    expect(last.body.model).toBe('small-chat');
    expect(last.body.messages[1]).toEqual({
      role: 'user',
      content: 'great release',
    });
  });

  it('fails clearly on an error status or an answer that is no label', async () => {
    const adapter = new OpenAICompatibleAdapter({
      id: 'remote',
      baseUrl,
      model: 'm',
    });
    reply = res => {
      res.statusCode = 429;
      res.end('slow down');
    };
    await expect(
      adapter.classify({ text: 'x', labels: ['positive', 'negative'] }),
    ).rejects.toThrow(/remote answered 429 .*slow down/);
    reply = res => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { content: 'maybe' } }] }));
    };
    await expect(
      adapter.classify({ text: 'x', labels: ['positive', 'negative'] }),
    ).rejects.toThrow(/answered "maybe", which is none of positive, negative/);
  });

  it('is configured from workflows.models', async () => {
    const registry = ModelRegistry.fromConfig(
      new ConfigReader({
        workflows: { models: [{ id: 'remote', baseUrl, model: 'm' }] },
      }),
    );
    expect(registry.modelIds()).toEqual([LOCAL_MODEL_ID, 'remote']);
  });
});
