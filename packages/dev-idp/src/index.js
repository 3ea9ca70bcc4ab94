// The dev IdP server: oidc-provider plus its own interaction pages, /healthz,
// on a plain node:http server.
import { createServer } from 'node:http';
import { errors } from 'oidc-provider';
import { createProvider } from './provider.js';
import { PAGE_HEADERS, loginPage, messagePage } from './html.js';
import { randomCookieKeys } from './config.js';

export { optionsFromEnv } from './config.js';
export {
  UserStore,
  readUsersFile,
  claimsOf,
  defaultPasswordFor,
} from './users.js';
export { escapeHtml } from './html.js';

const MAX_FORM_BYTES = 16 * 1024;
const INTERACTION_PATH =
  /^\/interaction\/([A-Za-z0-9_-]{1,128})(?:\/(login|abort))?\/?$/;

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function sendHtml(res, status, body) {
  res.writeHead(status, {
    ...PAGE_HEADERS,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readForm(req) {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(
      415,
      'The form must be sent as application/x-www-form-urlencoded.',
    );
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES)
      throw new HttpError(413, 'The form is too large.');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Is this oidc-provider's "no interaction cookie / expired interaction" error? */
function isSessionNotFound(error) {
  return error instanceof errors.SessionNotFound;
}

/**
 * Creates (but does not start) the dev IdP.
 * @param {ReturnType<import('./config.js').optionsFromEnv>} options
 * @returns {{ server: import('node:http').Server, listen: () => Promise<{issuer: string, port: number}>, close: () => Promise<void>, provider: () => import('oidc-provider').Provider | undefined }}
 */
export function createDevIdp(options) {
  const { users, defaultPasswords } = options;
  const log = options.log ?? (() => {});
  let provider;
  let firstPartyClients;
  let providerCallback;

  async function showInteraction(req, res, uid) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid)
      throw new HttpError(
        400,
        'This sign-in page does not belong to the sign-in request in progress.',
      );
    const { prompt, params } = details;
    const clientName =
      (await provider.Client.find(params.client_id))?.clientName ??
      params.client_id;

    if (prompt.name === 'login') {
      return sendHtml(
        res,
        200,
        loginPage({
          uid,
          clientName,
          username:
            typeof params.login_hint === 'string' ? params.login_hint : '',
          users: users.list(),
          defaultPasswords,
        }),
      );
    }

    if (prompt.name === 'consent') {
      // Automatic consent, only for the configured first-party client(s).
      if (!firstPartyClients.has(params.client_id)) {
        return provider.interactionFinished(
          req,
          res,
          {
            error: 'access_denied',
            error_description:
              'this development IdP only grants consent to its first-party clients',
          },
          { mergeWithLastSubmission: false },
        );
      }
      const accountId = details.session?.accountId;
      if (!accountId)
        throw new HttpError(400, 'No signed-in user for this sign-in request.');
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: params.client_id });
      const missing = prompt.details ?? {};
      if (missing.missingOIDCScope)
        grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims)
        grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(
        missing.missingResourceScopes ?? {},
      )) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      const grantId = await grant.save();
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    }

    throw new HttpError(400, `Unsupported interaction "${prompt.name}".`);
  }

  async function submitLogin(req, res, uid) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid || details.prompt.name !== 'login') {
      throw new HttpError(
        400,
        'This sign-in form does not belong to the sign-in request in progress.',
      );
    }
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    const user = users.authenticate(username, form.get('password') ?? '');
    if (!user) {
      log(`login failed for username ${JSON.stringify(username.slice(0, 64))}`);
      const clientName =
        (await provider.Client.find(details.params.client_id))?.clientName ??
        details.params.client_id;
      // 401 with the form again (documented in the README).
      return sendHtml(
        res,
        401,
        loginPage({
          uid,
          clientName,
          username,
          error: 'Wrong username or password.',
          users: users.list(),
          defaultPasswords,
        }),
      );
    }
    log(`login ok: ${user.username} (${user.sub})`);
    return provider.interactionFinished(
      req,
      res,
      {
        login: { accountId: user.sub, amr: ['pwd'], remember: true },
      },
      { mergeWithLastSubmission: false },
    );
  }

  async function abort(req, res, uid) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid)
      throw new HttpError(
        400,
        'This form does not belong to the sign-in request in progress.',
      );
    await readForm(req);
    return provider.interactionFinished(
      req,
      res,
      {
        error: 'access_denied',
        error_description: 'the user cancelled the sign-in',
      },
      { mergeWithLastSubmission: false },
    );
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://dev-idp.invalid');

    if (url.pathname === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { error: 'method not allowed' });
      return provider
        ? sendJson(res, 200, { status: 'ok', issuer: provider.issuer })
        : sendJson(res, 503, { status: 'starting' });
    }
    if (!provider) return sendJson(res, 503, { error: 'starting' });

    const match = INTERACTION_PATH.exec(url.pathname);
    if (match) {
      const [, uid, action] = match;
      try {
        if (!action && req.method === 'GET')
          return await showInteraction(req, res, uid);
        if (action === 'login' && req.method === 'POST')
          return await submitLogin(req, res, uid);
        if (action === 'abort' && req.method === 'POST')
          return await abort(req, res, uid);
        throw new HttpError(405, 'Method not allowed.');
      } catch (error) {
        if (error instanceof HttpError) {
          return sendHtml(
            res,
            error.status,
            messagePage({ title: 'Sign-in error', message: error.message }),
          );
        }
        if (isSessionNotFound(error)) {
          return sendHtml(
            res,
            400,
            messagePage({
              title: 'Sign-in expired',
              message:
                'This sign-in request has expired or was already completed. Go back to the application and sign in again.',
            }),
          );
        }
        throw error;
      }
    }

    return providerCallback(req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(error => {
      // Never a stack trace in the response: it goes to the log only.
      console.error('dev-idp: request failed:', error);
      if (!res.headersSent) {
        sendHtml(
          res,
          500,
          messagePage({
            title: 'Server error',
            message: 'The dev IdP failed to handle this request; see its log.',
          }),
        );
      } else {
        res.destroy();
      }
    });
  });

  function init(issuer) {
    ({ provider, firstPartyClients } = createProvider({
      issuer,
      users,
      client: options.client,
      cookieKeys: options.cookieKeys ?? randomCookieKeys(),
      accessTokenTtl: options.accessTokenTtl,
      profile: options.profile,
    }));
    provider.on('server_error', (ctx, error) =>
      console.error('dev-idp: server_error:', error),
    );
    providerCallback = provider.callback();
  }

  return {
    server,
    provider: () => provider,
    /** Starts listening; resolves with the issuer and the port, rejects on EADDRINUSE and the like. */
    listen() {
      return new Promise((resolve, reject) => {
        const onError = error => reject(error);
        server.once('error', onError);
        server.listen(options.port, options.host, () => {
          server.off('error', onError);
          const { port } = server.address();
          const issuer = options.issuer ?? `http://localhost:${port}`;
          try {
            init(issuer);
          } catch (error) {
            server.close();
            reject(error);
            return;
          }
          resolve({ issuer, port });
        });
      });
    },
    close() {
      return new Promise(resolve => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
