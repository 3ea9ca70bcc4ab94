import { compact, intParam, UrlQueryCodec } from './urlQuery';

/** The session list's filter and page, as the URL keeps them. */
export type SessionQuery = {
  userRef?: string;
  activeOnly: boolean;
  limit: number;
  offset: number;
};

const DEFAULTS = { limit: 25, offset: 0 };

export const sessionQueryCodec: UrlQueryCodec<SessionQuery> = {
  parse(params) {
    return {
      userRef: params.get('userRef')?.trim() || undefined,
      activeOnly: params.get('active') === 'true',
      limit: intParam(params.get('limit'), DEFAULTS.limit, {
        min: 1,
        max: 500,
      }),
      offset: intParam(params.get('offset'), 0, { min: 0 }),
    };
  },
  format(query) {
    return compact(
      {
        userRef: query.userRef?.trim(),
        active: query.activeOnly,
        limit: query.limit,
        offset: query.offset,
      },
      DEFAULTS,
    );
  },
};
