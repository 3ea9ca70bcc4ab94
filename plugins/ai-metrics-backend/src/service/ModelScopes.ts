import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { AllowingDecision } from '@ai-ops-console/console-node';
import { AiModelResource } from '../permissions/rules';
import { ModelOwnership } from './CatalogModelOwnership';

/** Refuses the caller (403, through the permission gate) with this message. */
export type Refuse = (message: string, models?: string) => Promise<never>;

/**
 * The models one caller may read metrics of, from one conditional decision on
 * `ai-metrics.model.read`.
 */
export class ModelReadScope {
  private readonly decision: AllowingDecision;
  private readonly refuse: Refuse;
  private readonly authorizeModel: (model: AiModelResource) => boolean;
  private readonly ownership: ModelOwnership;
  private readonly knownModels: () => Promise<string[]>;

  constructor(options: {
    decision: AllowingDecision;
    refuse: Refuse;
    ruleset: PermissionRuleset<AiModelResource>;
    ownership: ModelOwnership;
    knownModels: () => Promise<string[]>;
  }) {
    this.decision = options.decision;
    this.refuse = options.refuse;
    const authorizer = createConditionAuthorizer(options.ruleset);
    this.authorizeModel = model => authorizer(this.decision, model);
    this.ownership = options.ownership;
    this.knownModels = options.knownModels;
  }

  /**
   * The models a query may read: the requested ones when all of them are
   * allowed (NotAllowedError otherwise), else every allowed model; undefined
   * means every model without restriction.
   */
  async resolve(requested?: string[]): Promise<string[] | undefined> {
    if (this.decision.result === AuthorizeResult.ALLOW) {
      return requested;
    }
    if (requested) {
      const models = await this.ownership.getModels(requested);
      const refused = models.filter(model => !this.authorizeModel(model));
      if (refused.length > 0) {
        const names = list(refused.map(m => m.name));
        return this.refuse(`not allowed to read metrics of model ${names}`);
      }
      return requested;
    }
    const models = await this.ownership.getModels(await this.knownModels());
    return models.filter(model => this.authorizeModel(model)).map(m => m.name);
  }
}

/**
 * The models one caller may send metric events of: from its conditional
 * decision on `ai-metrics.event.ingest` (a user's catalog ownership, say)
 * and, for a service, from the models aiMetrics.ingest.producers lets it
 * write. Also names the producer, the scope of the batch's event ids.
 */
export class ModelWriteScope {
  readonly producer: string;
  private readonly decision: AllowingDecision;
  private readonly refuse: Refuse;
  private readonly authorizeModel: (model: AiModelResource) => boolean;
  private readonly ownership: ModelOwnership;
  private readonly producerModels?: (model: string) => boolean;

  constructor(options: {
    producer: string;
    decision: AllowingDecision;
    /** Refuses (audited) naming the refused models. */
    refuse: Refuse;
    ruleset: PermissionRuleset<AiModelResource>;
    ownership: ModelOwnership;
    /** For a service: the models aiMetrics.ingest.producers lets it write. */
    producerModels?: (model: string) => boolean;
  }) {
    this.producer = options.producer;
    this.decision = options.decision;
    this.refuse = options.refuse;
    const authorizer = createConditionAuthorizer(options.ruleset);
    this.authorizeModel = model => authorizer(this.decision, model);
    this.ownership = options.ownership;
    this.producerModels = options.producerModels;
  }

  /** Refuses (NotAllowedError naming them) a batch with models not in scope. */
  async authorize(models: string[]): Promise<void> {
    const names = [...new Set(models)].sort();
    if (this.producerModels) {
      const refused = names.filter(name => !this.producerModels!(name));
      if (refused.length > 0) {
        await this.refuse(
          `${this.producer} may not ingest metrics of model ${list(
            refused,
          )} (aiMetrics.ingest.producers)`,
          list(refused),
        );
      }
    }
    if (this.decision.result === AuthorizeResult.ALLOW) {
      return;
    }
    const refused = (await this.ownership.getModels(names))
      .filter(model => !this.authorizeModel(model))
      .map(model => model.name);
    if (refused.length > 0) {
      await this.refuse(
        `not allowed to ingest metrics of model ${list(refused)}`,
        list(refused),
      );
    }
  }
}

/** Names for a message: a batch may hold many models, the message stays short. */
function list(names: string[]): string {
  const MAX = 10;
  return names.length <= MAX
    ? names.join(', ')
    : `${names.slice(0, MAX).join(', ')} and ${names.length - MAX} more`;
}
