import { githubIdentity } from './githubModule';

const result = (profile: object) =>
  ({ fullProfile: profile, session: {} } as any);

describe('githubIdentity', () => {
  it('binds the numeric account id, never the renamable login', () => {
    expect(
      githubIdentity(
        result({
          id: 583231,
          username: 'octocat',
          displayName: 'The Octocat',
          emails: [{ value: 'octocat@github.example' }],
        }),
      ),
    ).toEqual({
      subject: '583231',
      username: 'octocat',
      displayName: 'The Octocat',
      email: 'octocat@github.example',
      // GitHub's profile does not say it verified the address
      emailVerified: false,
    });
  });

  it('refuses a profile without an account id', () => {
    expect(() => githubIdentity(result({ username: 'ghost' }))).toThrow(
      /no account id/,
    );
  });
});
