import { Config } from '@backstage/config';
import { RequestHandler } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Where an identity provider may post back across sites on its own (the
 * OAuth form_post response mode): the provider checks its signed state.
 */
const EXEMPT = /^\/api\/auth\/[^/]+\/handler\/frame$/;

/** The origins the console's own pages are served from, from config. */
export function allowedOriginsFromConfig(config: Config): string[] {
  const origins = new Set<string>();
  for (const key of ['app.baseUrl', 'backend.baseUrl']) {
    const url = config.getOptionalString(key);
    if (url) origins.add(new URL(url).origin);
  }
  const cors = config.getOptional('backend.cors.origin');
  for (const origin of Array.isArray(cors) ? cors : [cors]) {
    if (typeof origin === 'string') origins.add(origin.replace(/\/+$/, ''));
  }
  const extra = config.getOptionalStringArray('console.http.allowedOrigins');
  for (const origin of extra ?? []) origins.add(origin.replace(/\/+$/, ''));
  return [...origins];
}

function matcher(origins: string[]): (origin: string) => boolean {
  const patterns = origins.map(o =>
    o.includes('*')
      ? new RegExp(
          `^${o
            .split('*')
            .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[a-z0-9-]+')}$`,
          'i',
        )
      : o.toLowerCase(),
  );
  return origin =>
    patterns.some(p =>
      typeof p === 'string' ? p === origin.toLowerCase() : p.test(origin),
    );
}

/**
 * Refuses state-changing requests that carry cookies and come from another
 * site: the cookie-authenticated routes (sign-in sessions, refresh, logout)
 * cannot be driven by a page elsewhere. A browser names the page's origin in
 * `Origin` (or at least says `Sec-Fetch-Site: cross-site`); requests without
 * cookies authenticate with a bearer token, which no other site can attach.
 */
export function crossSiteRequestGuard(options: {
  allowedOrigins: string[];
}): RequestHandler {
  const allowed = matcher(options.allowedOrigins);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || !req.headers.cookie) {
      next();
      return;
    }
    if (EXEMPT.test(req.path)) {
      next();
      return;
    }
    const origin = req.header('origin');
    const crossSite =
      origin && origin !== 'null'
        ? !allowed(origin)
        : origin === 'null' || req.header('sec-fetch-site') === 'cross-site';
    if (!crossSite) {
      next();
      return;
    }
    res.status(403).json({
      error: {
        name: 'NotAllowedError',
        message: `cross-site request refused: ${
          origin ?? 'a page on another site'
        } may not send ${req.method} requests with the console's cookies`,
      },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 403 },
    });
  };
}
