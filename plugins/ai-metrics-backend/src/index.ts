/**
 * The ai-metrics backend plugin and the permission integration of its
 * 'ai-model' resource type, for permission policies.
 *
 * @packageDocumentation
 */
export { aiMetricsPlugin as default } from './plugin';
export {
  aiModelConditions,
  aiModelPermissionResourceRef,
  aiModelPermissionRules,
  createAiModelConditionalDecision,
  isOwnedBy,
} from './permissions/rules';
export type { AiModelFilter, AiModelResource } from './permissions/rules';
