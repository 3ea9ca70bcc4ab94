import { RoleGrant } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { PermissionInfo } from '../../api';

export const ACTIONS = ['create', 'read', 'update', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

/** A grant as the editor holds it: every field a string the user types. */
export type GrantDraft = {
  /** Stable React key; not sent anywhere. */
  key: string;
  permission: string;
  action: '' | Action;
  effect: 'allow' | 'conditional';
  rule: string;
  pluginId: string;
  resourceType: string;
  /** JSON text of the condition's params. */
  params: string;
};

export type GrantField = Exclude<keyof GrantDraft, 'key'>;
export type GrantProblems = Partial<Record<GrantField, string>>;

let nextKey = 0;
const newKey = () => {
  nextKey += 1;
  return `grant-${nextKey}`;
};

export function emptyDraft(): GrantDraft {
  return {
    key: newKey(),
    permission: '',
    action: '',
    effect: 'allow',
    rule: '',
    pluginId: '',
    resourceType: '',
    params: '{}',
  };
}

export function toDrafts(grants: RoleGrant[]): GrantDraft[] {
  return grants.map(grant => ({
    ...emptyDraft(),
    permission: grant.permission,
    action: grant.action ?? '',
    effect: grant.effect,
    ...(grant.effect === 'conditional'
      ? {
          rule: grant.condition.rule,
          pluginId: grant.condition.pluginId,
          resourceType: grant.condition.resourceType,
          params: JSON.stringify(grant.condition.params, null, 2),
        }
      : {}),
  }));
}

function parseParams(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() || '{}');
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return 'Give a JSON object, like {"userRefs": ["$user"]}.';
  }
  return value as Record<string, unknown>;
}

/**
 * The grants the drafts describe, or what is wrong with each draft (by key).
 * Mirrors the backend's schema; the backend has the last word.
 */
export function fromDrafts(drafts: GrantDraft[]): {
  grants?: RoleGrant[];
  problems: Record<string, GrantProblems>;
} {
  const problems: Record<string, GrantProblems> = {};
  const grants: RoleGrant[] = [];
  for (const draft of drafts) {
    const p: GrantProblems = {};
    const permission = draft.permission.trim();
    if (!permission)
      p.permission = 'Name a permission, a glob like workflows.* or *.';
    else if (permission.length > 200) p.permission = 'At most 200 characters.';
    const match = {
      permission,
      ...(draft.action ? { action: draft.action } : {}),
    };
    if (draft.effect === 'allow') {
      grants.push({ ...match, effect: 'allow' });
    } else {
      const rule = draft.rule.trim();
      const pluginId = draft.pluginId.trim();
      const resourceType = draft.resourceType.trim();
      if (!rule) p.rule = 'Name the rule, e.g. IS_STARTED_BY.';
      if (!pluginId) p.pluginId = 'Name the plugin that applies the rule.';
      if (!resourceType) p.resourceType = 'Name the resource type.';
      const params = parseParams(draft.params);
      if (typeof params === 'string') p.params = params;
      else {
        grants.push({
          ...match,
          effect: 'conditional',
          condition: { rule, pluginId, resourceType, params },
        });
      }
    }
    if (Object.keys(p).length) problems[draft.key] = p;
  }
  return Object.keys(problems).length ? { problems } : { grants, problems };
}

/** Whether a grant's permission pattern covers a permission name. */
export function patternMatches(pattern: string, name: string) {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/** Every permission name, then the globs that cover groups of them. */
export function permissionSuggestions(permissions: PermissionInfo[]): string[] {
  const globs = new Set<string>(['*']);
  for (const p of permissions) {
    const parts = p.name.split('.');
    for (let i = 1; i < parts.length; i++) {
      globs.add(`${parts.slice(0, i).join('.')}.*`);
    }
  }
  return [...permissions.map(p => p.name), ...[...globs].sort()];
}
