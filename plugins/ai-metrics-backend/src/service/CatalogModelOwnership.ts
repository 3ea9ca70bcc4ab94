import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AiModelResource } from '../permissions/rules';

/**
 * The annotation that names the model when its name is not a valid entity
 * name (e.g. `meta-llama/Llama-3.1-8B`); otherwise `metadata.name` is the
 * model name.
 */
export const MODEL_NAME_ANNOTATION = 'ai-metrics/model-name';

/** Loads who owns which model. */
export interface ModelOwnership {
  /** One resource per name, in order; a model without a catalog entity has no owners. */
  getModels(names: string[]): Promise<AiModelResource[]>;
}

type Entity = Awaited<ReturnType<CatalogService['getEntities']>>['items'][0];

function ownerRefs(entity: Entity): string[] {
  const refs = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type === 'ownedBy') {
      refs.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner === 'string' && owner) {
    // spec.owner may be short: 'team-a' is group:<namespace of the entity>/team-a
    const [kind, rest] = owner.includes(':')
      ? owner.split(/:(.*)/s, 2)
      : ['group', owner];
    const ref = rest.includes('/')
      ? `${kind}:${rest}`
      : `${kind}:${entity.metadata.namespace ?? 'default'}/${rest}`;
    refs.add(ref.toLocaleLowerCase('en-US'));
  }
  return [...refs];
}

/**
 * Model ownership from the catalog: a Resource entity of `spec.type: ai-model`
 * whose `metadata.name` (or `ai-metrics/model-name` annotation) is the model
 * name, owned by `spec.owner`. Read with the plugin's own credentials, so
 * that a user's catalog permissions do not hide who owns a model.
 */
export class CatalogModelOwnership implements ModelOwnership {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.logger = options.logger;
  }

  async getModels(names: string[]): Promise<AiModelResource[]> {
    if (names.length === 0) {
      return [];
    }
    const { items } = await this.readModelEntities();
    const owners = new Map<string, Set<string>>();
    for (const entity of items) {
      const name =
        entity.metadata.annotations?.[MODEL_NAME_ANNOTATION] ??
        entity.metadata.name;
      const set = owners.get(name) ?? new Set<string>();
      ownerRefs(entity).forEach(ref => set.add(ref));
      owners.set(name, set);
    }
    return names.map(name => ({
      name,
      owners: [...(owners.get(name) ?? [])],
    }));
  }

  /**
   * The ai-model entities. A catalog that cannot answer is a 503 whose
   * message says only that: the client's error may hold the catalog's
   * address or its own error body, and its status would be passed on as ours.
   */
  private async readModelEntities() {
    try {
      return await this.catalog.getEntities(
        {
          filter: { kind: 'Resource', 'spec.type': 'ai-model' },
          fields: [
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
            'spec.owner',
            'relations',
          ],
        },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
    } catch (error) {
      this.logger.warn(
        'cannot read model owners from the catalog',
        error instanceof Error ? error : new Error(String(error)),
      );
      throw new ServiceUnavailableError(
        'the catalog is unavailable; retry later',
      );
    }
  }
}
