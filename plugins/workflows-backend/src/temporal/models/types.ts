/** A model the console's workflows can call. */
export interface ModelAdapter {
  readonly id: string;
  /** The gen_ai provider name recorded with metrics, e.g. `openai`. */
  readonly provider: string;
  classify(options: { text: string; labels: string[] }): Promise<{
    label: string;
    inputTokens: number;
    outputTokens: number;
  }>;
}

export type LabelledText = { text: string; label: string };

export type Dataset = {
  id: string;
  title: string;
  description: string;
  labels: string[];
  train: LabelledText[];
  eval: LabelledText[];
};
