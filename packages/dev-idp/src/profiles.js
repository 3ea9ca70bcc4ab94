// How the dev IdP behaves: `dev` (the default) releases everything the
// console could use; the others behave like the defaults of real identity
// providers, so that the console is tested against what they omit.
import { createHash } from 'node:crypto';

/**
 * @typedef {object} Profile
 * @property {string} name
 * @property {boolean} sid             ID tokens carry the IdP session id `sid`
 * @property {boolean} authTime        ID tokens always carry `auth_time`
 * @property {'always'|'offline'} refreshTokens  `always`: every code exchange
 *   of the first-party client gets one; `offline`: only with offline_access
 *   granted (prompt=consent), as OIDC Core 11 says
 * @property {'verified'|'omitted'} emailVerified  `omitted`: no
 *   `email_verified` claim at all (Entra ID)
 * @property {boolean} groupsClaim     whether ID tokens carry `groups`
 * @property {(name: string) => string} group  how a group is named there
 */

/** A stable GUID for a group name, as Entra ID names groups by object id. */
function guidOf(name) {
  const h = createHash('sha256').update(`group:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

/** @type {Record<string, Profile>} */
export const PROFILES = {
  dev: {
    name: 'dev',
    sid: true,
    authTime: true,
    refreshTokens: 'always',
    emailVerified: 'verified',
    groupsClaim: true,
    group: name => name,
  },
  // Google: no sid, auth_time only when asked (max_age), refresh tokens only
  // for offline access, no groups claim.
  google: {
    name: 'google',
    sid: false,
    authTime: false,
    refreshTokens: 'offline',
    emailVerified: 'verified',
    groupsClaim: false,
    group: name => name,
  },
  // Entra ID: no email_verified claim, groups as object ids (GUIDs), refresh
  // tokens, no sid in the ID token by default.
  entra: {
    name: 'entra',
    sid: false,
    authTime: false,
    refreshTokens: 'always',
    emailVerified: 'omitted',
    groupsClaim: true,
    group: guidOf,
  },
  // Keycloak: sid and auth_time, refresh tokens, groups as full paths.
  keycloak: {
    name: 'keycloak',
    sid: true,
    authTime: true,
    refreshTokens: 'always',
    emailVerified: 'verified',
    groupsClaim: true,
    group: name => `/${name}`,
  },
};

/** The profile named by DEV_IDP_PROFILE (default `dev`). */
export function profileNamed(name = 'dev') {
  const profile = PROFILES[name];
  if (!profile) {
    throw new Error(
      `DEV_IDP_PROFILE must be one of ${Object.keys(PROFILES).join(
        ', ',
      )}, got "${name}"`,
    );
  }
  return profile;
}
