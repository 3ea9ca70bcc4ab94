import { OAuthAuthenticatorResult } from '@backstage/plugin-auth-node';
import {
  githubAuthenticator,
  GithubProfile,
} from '@backstage/plugin-auth-backend-module-github-provider';
import {
  consoleSignInModule,
  ProviderIdentity,
  stringClaim,
} from './consoleSignIn';

/**
 * What GitHub says of the person: the numeric account id is the subject (a
 * login name can be renamed and taken by someone else). GitHub's profile
 * does not say whether its primary e-mail is verified, so the console takes
 * it as unverified: it claims no invitation and no bootstrap admin entry.
 */
export function githubIdentity(
  result: OAuthAuthenticatorResult<GithubProfile>,
): ProviderIdentity {
  const profile = result.fullProfile;
  const subject = stringClaim(String(profile.id ?? ''));
  if (!subject) throw new Error('GitHub sent no account id');
  return {
    subject,
    email: stringClaim(profile.emails?.[0]?.value),
    emailVerified: false,
    displayName: stringClaim(profile.displayName),
    username: stringClaim(profile.username),
  };
}

/**
 * GitHub sign-in through the console: the same registration, approval,
 * sessions and revocation as OIDC. Use it instead of Backstage's GitHub
 * module, whose resolvers bypass the console.
 *
 * @public
 */
export const authModuleConsoleGithub = consoleSignInModule({
  providerId: 'github',
  moduleId: 'console-github',
  authenticator: githubAuthenticator,
  identityOf: githubIdentity,
});
