import {
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ConsoleActivities } from '../activities';
import {
  approveSignal,
  PromotionDecision,
  PromotionState,
  promotionStateQuery,
  rejectSignal,
} from './definitions';
import { startedByKey } from './searchAttributes';
import { ModelPromotionInput, ModelPromotionResult } from './types';

const { promoteModel } = proxyActivities<ConsoleActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5 },
});

/**
 * Promotes a model version once someone other than its starter approves it
 * from the console, or ends as rejected or expired.
 */
export async function modelPromotion(
  input: ModelPromotionInput,
): Promise<ModelPromotionResult> {
  const timeout = input.decisionTimeout ?? '24h';
  const startedAt = workflowInfo().startTime.getTime();
  const state: PromotionState = {
    stage: 'awaiting-decision',
    model: input.model,
    toVersion: input.toVersion,
    deadline: new Date(startedAt + toMs(timeout)).toISOString(),
  };
  setHandler(promotionStateQuery, () => state);

  // Four eyes, here too: the API refuses a decision by the starter, and so
  // does the workflow for a signal sent past the API. Executions that started
  // before this check keep deciding as they did when they replay.
  const fourEyes = patched('decision-by-someone-other-than-the-starter');
  const startedBy = workflowInfo().typedSearchAttributes.get(startedByKey);
  let decision: (PromotionDecision & { approved: boolean }) | undefined;
  const decide = (d: PromotionDecision | undefined, approved: boolean) => {
    const by = typeof d?.by === 'string' ? d.by : undefined;
    if (fourEyes && (!by || (startedBy !== undefined && same(by, startedBy)))) {
      log.warn(
        'decision refused: it must come from someone other than the starter',
        {
          by: by ?? null,
          approved,
        },
      );
      return;
    }
    decision ??= { ...d!, approved };
  };
  setHandler(approveSignal, d => decide(d, true));
  setHandler(rejectSignal, d => decide(d, false));

  const decided = await condition(() => decision !== undefined, toMs(timeout));
  const base = { model: input.model, toVersion: input.toVersion };
  if (!decided || !decision) {
    state.stage = 'expired';
    return { outcome: 'expired', ...base };
  }
  state.decision = decision;
  if (!decision.approved) {
    state.stage = 'rejected';
    return {
      outcome: 'rejected',
      ...base,
      decidedBy: decision.by,
      comment: decision.comment,
    };
  }
  state.stage = 'promoting';
  await promoteModel({
    model: input.model,
    fromVersion: input.fromVersion,
    toVersion: input.toVersion,
    approvedBy: decision.by,
  });
  state.stage = 'promoted';
  return {
    outcome: 'promoted',
    ...base,
    decidedBy: decision.by,
    comment: decision.comment,
  };
}

/** User entity refs are compared without case, as the console stores them. */
function same(a: string, b: string) {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

// '90s', '30m', '24h', '7d' or milliseconds
function toMs(duration: string | number): number {
  if (typeof duration === 'number') return duration;
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(duration.trim());
  if (!match) return Number(duration);
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[match[2]]!;
  return Number(match[1]) * unit;
}
