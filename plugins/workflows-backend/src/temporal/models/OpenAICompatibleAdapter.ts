import { ModelAdapter } from './types';

export type OpenAICompatibleOptions = {
  id: string;
  /** e.g. https://api.example.com/v1 (the path before /chat/completions) */
  baseUrl: string;
  model: string;
  apiKey?: string;
  provider?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/**
 * Classifies through any OpenAI-compatible chat completions endpoint
 * (OpenAI, vLLM, Ollama, LiteLLM, ...). The reply must be one of the labels.
 */
export class OpenAICompatibleAdapter implements ModelAdapter {
  readonly id: string;
  readonly provider: string;
  private readonly options: OpenAICompatibleOptions;

  constructor(options: OpenAICompatibleOptions) {
    this.id = options.id;
    this.provider = options.provider ?? 'openai';
    this.options = options;
  }

  async classify(options: { text: string; labels: string[] }) {
    const { baseUrl, model, apiKey, timeoutMs = 30_000 } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(
      `${baseUrl.replace(/\/+$/, '')}/chat/completions`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify({
          model,
          temperature: 0,
          max_tokens: 5,
          messages: [
            {
              role: 'system',
              content: `Classify the text. Answer with exactly one word from: ${options.labels.join(
                ', ',
              )}.`,
            },
            { role: 'user', content: options.text },
          ],
        }),
        signal: AbortSignal.timeout(timeoutMs),
      },
    );
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      throw new Error(
        `model ${this.id} answered ${response.status} ${
          response.statusText
        }: ${body.slice(0, 200)}`,
      );
    }
    const data = (await response.json()) as {
      choices?: Array<{ message?: { content?: string } }>;
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    const content = data.choices?.[0]?.message?.content?.trim() ?? '';
    const answer = content.toLocaleLowerCase('en-US').replace(/[^a-z-]/g, '');
    const label =
      options.labels.find(l => l.toLocaleLowerCase('en-US') === answer) ??
      options.labels.find(l => answer.includes(l.toLocaleLowerCase('en-US')));
    if (!label) {
      throw new Error(
        `model ${this.id} answered "${content.slice(
          0,
          50,
        )}", which is none of ${options.labels.join(', ')}`,
      );
    }
    return {
      label,
      inputTokens: data.usage?.prompt_tokens ?? 0,
      outputTokens: data.usage?.completion_tokens ?? 0,
    };
  }
}
