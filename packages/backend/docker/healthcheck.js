/*
 * The image's HEALTHCHECK: exit 0 when the backend answers its readiness
 * endpoint with 200, 1 otherwise. Node, because the slim image has no curl.
 * HEALTHCHECK_URL overrides the address (tests/built/ points it elsewhere).
 */
const url =
  process.env.HEALTHCHECK_URL ??
  'http://127.0.0.1:7007/.backstage/health/v1/readiness';

fetch(url, { signal: AbortSignal.timeout(4000) }).then(
  response => process.exit(response.status === 200 ? 0 : 1),
  error => {
    process.stderr.write(`${url}: ${error.cause?.code ?? error.message}\n`);
    process.exit(1);
  },
);
