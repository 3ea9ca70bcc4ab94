import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiMetricsApiRef } from '../api';

/** The models the reader may see, with their versions. */
export function useModels() {
  const api = useApi(aiMetricsApiRef);
  return useAsyncRetry(() => api.listModels(), [api]);
}
