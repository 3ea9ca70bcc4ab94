import { RequestHandler } from 'express';

/**
 * Headers helmet (configured from `backend.csp`) leaves out: the console
 * never uses the camera, microphone, location or payment APIs, so no page —
 * nor a script injected into one — may ask for them.
 */
export function securityHeadersMiddleware(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    );
    next();
  };
}
