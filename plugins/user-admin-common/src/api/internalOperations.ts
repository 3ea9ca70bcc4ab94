import type { ApiOperation } from '@ai-ops-console/console-common';
import {
  activityBody,
  policySnapshot,
  policyVersion,
  revocationState,
  signInBody,
  signInResult,
  signOutBody,
} from './internal';

// The internal operations: other plugins of the console only.

export const internalOperations = {
  // -- internal: other plugins of this backend only -------------------------
  internalSignIn: {
    method: 'post',
    path: '/internal/sign-in',
    operationId: 'internalSignIn',
    summary:
      'Register or recognise a user at sign-in and open or refresh their session',
    description:
      "Internal: for the service token of the auth backend (plugin:auth) only, called by the console's sign-in resolver. Not for browsers or users. 403 when the caller is not plugin:auth, or the sign-in is refused (registration closed, user disabled or pending, session revoked); 409 when no user ref is free for a new user.",
    tags: ['internal'],
    body: signInBody,
    responses: {
      200: { description: 'The user may sign in', body: signInResult },
    },
    errors: [403, 409, 413, 503],
  },
  internalRevocations: {
    method: 'get',
    path: '/internal/revocations',
    operationId: 'internalRevocations',
    summary: 'Revoked sessions, users logged out everywhere and inactive users',
    description:
      "Internal: for service tokens of the console's plugins only (the session guard of every plugin polls it). Not for browsers or users (403).",
    tags: ['internal'],
    responses: { 200: { description: 'OK', body: revocationState } },
    errors: [403, 503],
  },
  internalSignOut: {
    method: 'post',
    path: '/internal/sign-out',
    operationId: 'internalSignOut',
    summary: 'End the console session of a login when its browser signs out',
    description:
      'Internal: for the service token of the auth backend (plugin:auth) only, called when a browser signs out. Ends the session of that login at once, so that its Backstage token is refused before it expires. 204 also when the session is unknown or already ended. Not for browsers or users (403).',
    tags: ['internal'],
    body: signOutBody,
    responses: { 204: { description: 'Ended (or nothing to end)' } },
    errors: [403, 413, 503],
  },
  internalActivity: {
    method: 'post',
    path: '/internal/activity',
    operationId: 'internalActivity',
    summary: 'Record when sessions were last seen',
    description:
      "Internal: for service tokens of the console's plugins only (the session guard of every plugin pushes it). Not for browsers or users (403).",
    tags: ['internal'],
    body: activityBody,
    responses: { 204: { description: 'Recorded' } },
    errors: [403, 413, 503],
  },
  internalPolicyVersion: {
    method: 'get',
    path: '/internal/policy-version',
    operationId: 'internalPolicyVersion',
    summary: 'The current version of roles, memberships and user states',
    description:
      "Internal: for the service tokens of the permission backend (plugin:permission) and of user-admin itself only (403 for any other caller). The policy's cache compares it with its snapshot's version to see changes within a second.",
    tags: ['internal'],
    responses: { 200: { description: 'OK', body: policyVersion } },
    errors: [403, 503],
  },
  internalPolicySnapshot: {
    method: 'get',
    path: '/internal/policy-snapshot',
    operationId: 'internalPolicySnapshot',
    summary: 'Roles and inactive users, everything the permission policy needs',
    description:
      'Internal: for the service tokens of the permission backend (plugin:permission) and of user-admin itself only. Not for browsers or users (403).',
    tags: ['internal'],
    responses: { 200: { description: 'OK', body: policySnapshot } },
    errors: [403, 503],
  },
} satisfies Record<string, ApiOperation>;
