import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The OpenAPI document of this plugin, from the package's openapi.yaml. */
export function loadOpenApiDocument(): Record<string, unknown> {
  const file = resolvePackagePath(
    '@internal/backstage-plugin-user-admin-backend',
    'openapi.yaml',
  );
  return parse(readFileSync(file, 'utf8'));
}
