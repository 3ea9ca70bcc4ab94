import { InputError } from '@backstage/errors';
import {
  decodeHistoryPageToken,
  decodeListPageToken,
  encodeHistoryPageToken,
  encodeListPageToken,
} from './pageTokens';

const temporalToken = Buffer.from('temporal page token \u0000\u00ff bytes');

describe('list page tokens', () => {
  it("hands Temporal's token back unchanged on the next request", () => {
    const pageToken = encodeListPageToken(temporalToken)!;
    expect(pageToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListPageToken(pageToken)).toEqual(temporalToken);
  });

  it('has no next page token on the last page', () => {
    expect(encodeListPageToken(undefined)).toBeUndefined();
    expect(encodeListPageToken(null)).toBeUndefined();
    expect(encodeListPageToken(new Uint8Array())).toBeUndefined();
    expect(decodeListPageToken(undefined)).toBeUndefined();
    expect(decodeListPageToken('')).toBeUndefined();
  });

  it.each([
    ["Temporal's token without the check", temporalToken.toString('base64url')],
    [
      'a token with one byte changed',
      (() => {
        const raw = Buffer.from(
          encodeListPageToken(temporalToken)!,
          'base64url',
        );
        raw[raw.length - 1] ^= 1;
        return raw.toString('base64url');
      })(),
    ],
    [
      'the check alone',
      Buffer.from(encodeListPageToken(temporalToken)!, 'base64url')
        .subarray(0, 8)
        .toString('base64url'),
    ],
    ['text', 'page-2'],
  ])('refuses %s at once with a 400 naming pageToken', (_name, pageToken) => {
    expect(() => decodeListPageToken(pageToken)).toThrow(InputError);
    expect(() => decodeListPageToken(pageToken)).toThrow(
      'invalid query: pageToken: not a nextPageToken of this list',
    );
  });
});

describe('history page tokens', () => {
  it("are Temporal's own in base64url, none on the last page", () => {
    const pageToken = encodeHistoryPageToken(temporalToken)!;
    expect(pageToken).toBe(temporalToken.toString('base64url'));
    expect(decodeHistoryPageToken(pageToken)).toEqual(temporalToken);
    expect(encodeHistoryPageToken(new Uint8Array())).toBeUndefined();
    expect(decodeHistoryPageToken(undefined)).toBeUndefined();
  });
});
