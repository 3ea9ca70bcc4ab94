import { AuditRecord } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { UserAdminApi } from '../api';
import { AuditFilter } from './auditQuery';

export const AUDIT_PAGE_SIZE = 50;

type State = {
  items: AuditRecord[];
  nextCursor?: string;
  loading: boolean;
  error?: Error;
  loadingMore: boolean;
  moreError?: Error;
};

const START: State = { items: [], loading: true, loadingMore: false };

/**
 * The audit records matching a filter, newest first, a page at a time:
 * `loadMore` appends the next page. A new filter starts over; answers to an
 * older filter are dropped.
 */
export function useAuditLog(api: UserAdminApi, filter: AuditFilter) {
  const [state, setState] = useState<State>(START);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    generation.current += 1;
    const mine = generation.current;
    setState(START);
    try {
      const page = await api.listAudit({ ...filter, limit: AUDIT_PAGE_SIZE });
      if (mine !== generation.current) return;
      setState({
        items: page.items,
        nextCursor: page.nextCursor,
        loading: false,
        loadingMore: false,
      });
    } catch (error) {
      if (mine !== generation.current) return;
      setState({ ...START, loading: false, error: error as Error });
    }
  }, [api, filter]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const { nextCursor } = state;
  /** Appends the next page; resolves whether still more remain. */
  const loadMore = useCallback(async (): Promise<boolean> => {
    if (!nextCursor) return false;
    const mine = generation.current;
    setState(s => ({ ...s, loadingMore: true, moreError: undefined }));
    try {
      const page = await api.listAudit({
        ...filter,
        limit: AUDIT_PAGE_SIZE,
        cursor: nextCursor,
      });
      if (mine !== generation.current) return false;
      setState(s => ({
        ...s,
        items: [...s.items, ...page.items],
        nextCursor: page.nextCursor,
        loadingMore: false,
      }));
      return !!page.nextCursor;
    } catch (error) {
      if (mine === generation.current) {
        setState(s => ({
          ...s,
          loadingMore: false,
          moreError: error as Error,
        }));
      }
      return true;
    }
  }, [api, filter, nextCursor]);

  return { ...state, reload, loadMore };
}
