import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { WorkflowsHealth } from '@internal/backstage-plugin-workflows-common';
import { loadOpenApiDocument } from './openapi';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  temporal: { health(): Promise<WorkflowsHealth> };
};

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, temporal } = options;
  const openApiDocument = loadOpenApiDocument();
  const router = Router();
  router.use(express.json());

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const health = await temporal.health();
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  router.get('/openapi.json', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(openApiDocument);
  });

  return router;
}
