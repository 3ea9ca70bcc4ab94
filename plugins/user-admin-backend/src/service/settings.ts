import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

export type UserAdminSettings = {
  registration: 'open' | 'approval' | 'closed';
  defaultRoles: string[];
  bootstrapAdmins: string[];
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
  return {
    registration: registration as UserAdminSettings['registration'],
    defaultRoles: config.getOptionalStringArray('userAdmin.defaultRoles') ?? [
      'viewer',
    ],
    bootstrapAdmins:
      config.getOptionalStringArray('userAdmin.bootstrapAdmins') ?? [],
    tokenLifetimeMs,
    permissionPlugins: config.getOptionalStringArray(
      'userAdmin.permissionPlugins',
    ) ?? ['catalog', 'workflows', 'ai-metrics', 'user-admin'],
    retryAfterSeconds,
  };
}
