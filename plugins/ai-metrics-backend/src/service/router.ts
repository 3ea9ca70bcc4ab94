import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { AiMetricsHealth } from '@internal/backstage-plugin-ai-metrics-common';
import { loadOpenApiDocument } from './openapi';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  database: { health(): Promise<AiMetricsHealth> };
};

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, database } = options;
  const openApiDocument = loadOpenApiDocument();
  const router = Router();
  router.use(express.json());

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const health = await database.health();
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  router.get('/openapi.json', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(openApiDocument);
  });

  return router;
}
