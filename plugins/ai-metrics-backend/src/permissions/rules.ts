import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { AI_MODEL_RESOURCE_TYPE } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { z } from 'zod';

/**
 * A model as the permission rules see it: its name (`gen_ai.request.model`)
 * and the entity refs (lower case) that own it in the catalog.
 * @public
 */
export type AiModelResource = {
  name: string;
  owners: string[];
};

/**
 * A filter over models, the query form of the rules below.
 * @public
 */
export type AiModelFilter = { ownedByAnyOf: string[] };

/**
 * The 'ai-model' resource type of the ai-metrics plugin.
 * @public
 */
export const aiModelPermissionResourceRef = createPermissionResourceRef<
  AiModelResource,
  AiModelFilter
>().with({ pluginId: 'ai-metrics', resourceType: AI_MODEL_RESOURCE_TYPE });

/**
 * Allows a model when one of its catalog owners is among the claims, e.g. the
 * user's ownership entity refs (the user and the groups it belongs to).
 * @public
 */
export const isOwnedBy = createPermissionRule({
  name: 'IS_OWNED_BY',
  description:
    'Allow models owned, in the catalog, by one of the given entity refs',
  resourceRef: aiModelPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Entity refs, e.g. group:default/team-a; a policy usually passes the ownership refs of the user',
      ),
  }),
  apply: (model, { claims }) => {
    const wanted = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
    return model.owners.some(owner => wanted.has(owner));
  },
  toQuery: ({ claims }) => ({
    ownedByAnyOf: claims.map(c => c.toLocaleLowerCase('en-US')),
  }),
});

/**
 * Every rule of the 'ai-model' resource type.
 * @public
 */
export const aiModelPermissionRules = [isOwnedBy];

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: aiModelPermissionResourceRef,
  rules: { isOwnedBy },
});

/**
 * Condition factories for permission policies, e.g.
 * `createAiModelConditionalDecision(permission, aiModelConditions.isOwnedBy({ claims: user.info.ownershipEntityRefs }))`.
 * @public
 */
export const aiModelConditions = conditions;

/**
 * Wraps conditions on 'ai-model' in a conditional policy decision.
 * @public
 */
export const createAiModelConditionalDecision = createConditionalDecision;
