export type { ModelAdapter } from '@ai-ops-console/backstage-plugin-workflows-node';

export type LabelledText = { text: string; label: string };

export type Dataset = {
  id: string;
  title: string;
  description: string;
  labels: string[];
  train: LabelledText[];
  eval: LabelledText[];
};
