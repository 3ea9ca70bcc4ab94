/**
 * The answer of `GET /api/ai-metrics/health`.
 * @public
 */
export type AiMetricsHealth = {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean; client: string; message?: string };
};
