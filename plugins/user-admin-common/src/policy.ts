import {
  AuthorizeResult,
  Permission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { GrantCondition, PolicySnapshot, Role, RoleGrant } from './types';

/** Who asks: a user ref and the refs they own through (user, groups). @public */
export type PolicySubject = {
  userRef: string;
  ownershipRefs: string[];
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Whether a grant covers a permission. @public */
export function grantMatches(
  grant: RoleGrant,
  permission: Permission,
): boolean {
  if (grant.action && permission.attributes.action !== grant.action) {
    return false;
  }
  const pattern = grant.permission;
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) {
    return permission.name.startsWith(pattern.slice(0, -1));
  }
  return pattern === permission.name;
}

// A snapshot's roles and inactive users are read for every decision but
// change only with a new snapshot: index them once per array. A built-in
// role may have thousands of members, and scanning them per decision was
// most of its cost.
const membersIndex = new WeakMap<Role[], Map<string, Set<Role>>>();
const inactiveIndex = new WeakMap<string[], Set<string>>();

function rolesByMember(roles: Role[]) {
  let index = membersIndex.get(roles);
  if (!index) {
    index = new Map();
    for (const role of roles) {
      for (const member of role.members) {
        const key = lower(member);
        const held = index.get(key) ?? new Set<Role>();
        held.add(role);
        index.set(key, held);
      }
    }
    membersIndex.set(roles, index);
  }
  return index;
}

function inactiveSet(users: string[]) {
  let set = inactiveIndex.get(users);
  if (!set) {
    set = new Set(users.map(lower));
    inactiveIndex.set(users, set);
  }
  return set;
}

/** The roles a subject holds, directly or through a group. @public */
export function rolesOf(subject: PolicySubject, roles: Role[]): Role[] {
  const index = rolesByMember(roles);
  const held = new Set<Role>();
  for (const ref of [subject.userRef, ...subject.ownershipRefs]) {
    for (const role of index.get(lower(ref)) ?? []) held.add(role);
  }
  // in the snapshot's order, which the explanations follow
  return held.size === 0 ? [] : roles.filter(role => held.has(role));
}

function fill(value: unknown, subject: PolicySubject): unknown {
  if (value === '$user') return subject.userRef;
  if (value === '$ownership') return subject.ownershipRefs;
  if (Array.isArray(value)) {
    // ['$user'] → [ref]; ['$ownership'] → refs (flattened)
    return value.flatMap(v =>
      v === '$ownership' ? subject.ownershipRefs : [fill(v, subject)],
    );
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fill(v, subject)]),
    );
  }
  return value;
}

function toCondition(
  condition: GrantCondition,
  subject: PolicySubject,
): PermissionCondition {
  return {
    rule: condition.rule,
    resourceType: condition.resourceType,
    params: fill(condition.params, subject) as PermissionCondition['params'],
  };
}

/** A decision and the reasons for it. @public */
export type ExplainedDecision = { decision: PolicyDecision; why: string[] };

/**
 * Decides a permission for a subject from stored roles: ALLOW when any held
 * role allows it; otherwise CONDITIONAL (any of the conditions) when held
 * roles grant it conditionally for the permission's resource type; otherwise
 * DENY. Inactive users are denied everything.
 * @public
 */
export function decide(options: {
  permission: Permission;
  subject: PolicySubject;
  snapshot: Pick<PolicySnapshot, 'roles' | 'inactiveUsers'>;
}): ExplainedDecision {
  const { permission, subject, snapshot } = options;
  if (inactiveSet(snapshot.inactiveUsers).has(lower(subject.userRef))) {
    return {
      decision: { result: AuthorizeResult.DENY },
      why: [`${subject.userRef} is not active`],
    };
  }
  const held = rolesOf(subject, snapshot.roles);
  const conditional: Array<{
    role: string;
    grant: RoleGrant & { effect: 'conditional' };
  }> = [];
  for (const role of held) {
    for (const grant of role.grants) {
      if (!grantMatches(grant, permission)) continue;
      if (grant.effect === 'allow') {
        return {
          decision: { result: AuthorizeResult.ALLOW },
          why: [`role ${role.name} allows ${describeMatch(grant)}`],
        };
      }
      conditional.push({ role: role.name, grant });
    }
  }
  const resourceType =
    'resourceType' in permission ? permission.resourceType : undefined;
  const usable = conditional.filter(
    c => resourceType && c.grant.condition.resourceType === resourceType,
  );
  if (usable.length > 0) {
    const conditions = usable.map(c => toCondition(c.grant.condition, subject));
    const criteria: PermissionCriteria<PermissionCondition> =
      conditions.length === 1
        ? conditions[0]
        : {
            anyOf: conditions as [
              PermissionCondition,
              ...PermissionCondition[],
            ],
          };
    return {
      decision: {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: usable[0].grant.condition.pluginId,
        resourceType: resourceType!,
        conditions: criteria,
      },
      why: usable.map(
        c =>
          `role ${c.role} allows ${describeMatch(c.grant)} if ${
            c.grant.condition.rule
          }`,
      ),
    };
  }
  return {
    decision: { result: AuthorizeResult.DENY },
    why:
      held.length === 0
        ? [`${subject.userRef} holds no role`]
        : [
            `no grant of ${held.map(r => r.name).join(', ')} covers ${
              permission.name
            }`,
          ],
  };
}

function describeMatch(grant: RoleGrant) {
  return grant.action
    ? `${grant.permission} (${grant.action})`
    : grant.permission;
}
