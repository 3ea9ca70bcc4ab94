import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

export type UserAdminSettings = {
  registration: 'open' | 'approval' | 'closed';
  defaultRoles: string[];
  bootstrapAdmins: string[];
  /** E-mail domains whose verified addresses give plain user refs. */
  trustedEmailDomains: string[];
  /** Namespace of the group refs made from the IdP's group claim. */
  groupNamespace: string;
  tokenLifetimeMs: number;
  /** Plugins whose permissions the policy tester lists. */
  permissionPlugins: string[];
  /** Retry-After of a 503 while the database is unreachable. */
  retryAfterSeconds: number;
};

export function readUserAdminSettings(config: Config): UserAdminSettings {
  const registration =
    config.getOptionalString('userAdmin.registration') ?? 'open';
  if (!['open', 'approval', 'closed'].includes(registration)) {
    throw new Error(
      `userAdmin.registration must be open, approval or closed, not "${registration}"`,
    );
  }
  const tokenLifetimeMs = config.has('auth.backstageTokenExpiration')
    ? durationToMilliseconds(
        readDurationFromConfig(config, {
          key: 'auth.backstageTokenExpiration',
        }),
      )
    : 60 * 60 * 1000;
  const retryAfterSeconds =
    config.getOptionalNumber('userAdmin.retryAfterSeconds') ?? 5;
  if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 1) {
    throw new Error(
      `userAdmin.retryAfterSeconds must be a positive integer, not ${retryAfterSeconds}`,
    );
  }
  const groupNamespace =
    config.getOptionalString('userAdmin.signIn.groupNamespace') ?? 'default';
  if (!/^[a-z0-9][a-z0-9._-]{0,62}$/.test(groupNamespace)) {
    throw new Error(
      `userAdmin.signIn.groupNamespace must be an entity namespace ([a-z0-9._-]), not "${groupNamespace}"`,
    );
  }
  const trustedEmailDomains =
    config.getOptionalStringArray('userAdmin.signIn.trustedEmailDomains') ?? [];
  for (const domain of trustedEmailDomains) {
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain)) {
      throw new Error(
        `userAdmin.signIn.trustedEmailDomains: "${domain}" is not a domain name`,
      );
    }
  }
  return {
    registration: registration as UserAdminSettings['registration'],
    defaultRoles: config.getOptionalStringArray('userAdmin.defaultRoles') ?? [
      'viewer',
    ],
    bootstrapAdmins:
      config.getOptionalStringArray('userAdmin.bootstrapAdmins') ?? [],
    trustedEmailDomains,
    groupNamespace,
    tokenLifetimeMs,
    permissionPlugins: config.getOptionalStringArray(
      'userAdmin.permissionPlugins',
    ) ?? ['catalog', 'workflows', 'ai-metrics', 'user-admin'],
    retryAfterSeconds,
  };
}
