/**
 * The answer of `GET /api/workflows/health`.
 * @public
 */
export type WorkflowsHealth = {
  status: 'ok' | 'unavailable';
  temporal: {
    address: string;
    namespace: string;
    reachable: boolean;
    /** Why Temporal could not be reached, when it could not. */
    message?: string;
  };
};
