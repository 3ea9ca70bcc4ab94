import {
  CONSOLE_USER_STATUSES,
  ConsoleUserStatus,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { UserSortField } from '../api';
import { compact, intParam, UrlQueryCodec } from './urlQuery';

export const USER_SORT_FIELDS: UserSortField[] = [
  'name',
  'email',
  'status',
  'createdAt',
  'lastSignInAt',
];

export const PAGE_SIZES = [25, 50, 100];

/** The user list's filter, sort and page, as the URL keeps them. */
export type UserQuery = {
  search?: string;
  role?: string;
  status?: ConsoleUserStatus;
  sort: UserSortField;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

const DEFAULTS = { sort: 'name', order: 'asc', limit: 25, offset: 0 } as const;

export const userQueryCodec: UrlQueryCodec<UserQuery> = {
  parse(params) {
    const status = params.get('status') as ConsoleUserStatus | null;
    const sort = params.get('sort') as UserSortField | null;
    return {
      search: params.get('search')?.trim() || undefined,
      role: params.get('role')?.trim() || undefined,
      status:
        status && CONSOLE_USER_STATUSES.includes(status) ? status : undefined,
      sort: sort && USER_SORT_FIELDS.includes(sort) ? sort : DEFAULTS.sort,
      order: params.get('order') === 'desc' ? 'desc' : 'asc',
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
        search: query.search?.trim(),
        role: query.role,
        status: query.status,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        offset: query.offset,
      },
      DEFAULTS,
    );
  },
};
