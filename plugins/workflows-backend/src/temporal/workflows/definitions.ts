// Signal and query definitions of the built-in workflows. The workflows, the
// API (which sends them) and the tests share these; nothing here may import
// Node APIs, since it is bundled into the workflow sandbox.
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Who decided and why; the backend sets `by` from the caller's identity. */
export type PromotionDecision = { by: string; comment?: string };

export const approveSignal = defineSignal<[PromotionDecision]>('approve');
export const rejectSignal = defineSignal<[PromotionDecision]>('reject');

export type PromotionState = {
  stage:
    | 'awaiting-decision'
    | 'promoting'
    | 'promoted'
    | 'rejected'
    | 'expired';
  model: string;
  toVersion: string;
  deadline: string;
  decision?: PromotionDecision & { approved: boolean };
};
export const promotionStateQuery = defineQuery<PromotionState>('state');

export type BatchProgress = {
  total: number;
  done: number;
  failed: number;
  /** Outcomes of the finished items, in input order. */
  results: Array<{ index: number; label?: string; error?: string }>;
};
export const batchProgressQuery = defineQuery<BatchProgress>('progress');

export type EvaluationProgress = {
  total: number;
  done: number;
  correct: number;
};
export const evaluationProgressQuery =
  defineQuery<EvaluationProgress>('progress');
