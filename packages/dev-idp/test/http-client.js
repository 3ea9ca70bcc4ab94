// A plain HTTP client for the tests: fetch without automatic redirects plus a
// minimal cookie jar (path-scoped, single host), like a browser would keep.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';

export class CookieJar {
  #cookies = new Map(); // `${path}\n${name}` -> { name, value, path }

  /** Every Set-Cookie header line received, as sent. */
  setCookieLines = [];

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair, ...attributes] = line.split(';').map(s => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = false;
      for (const attribute of attributes) {
        const [k, v = ''] = attribute.split('=');
        const key = k.toLowerCase();
        if (key === 'path') path = v || '/';
        if (key === 'expires' && Date.parse(v) <= Date.now()) expired = true;
        if (key === 'max-age' && Number(v) <= 0) expired = true;
      }
      const id = `${path}\n${name}`;
      if (expired) this.#cookies.delete(id);
      else this.#cookies.set(id, { name, value, path });
    }
  }

  headerFor(url) {
    const { pathname } = new URL(url);
    const matching = [...this.#cookies.values()].filter(
      c =>
        pathname === c.path ||
        pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
    );
    return matching.map(c => `${c.name}=${c.value}`).join('; ');
  }

  /** The cookies currently held. */
  all() {
    return [...this.#cookies.values()];
  }
}

export async function request(jar, url, init = {}) {
  const headers = new Headers(init.headers);
  const cookie = jar?.headerFor(url);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar?.store(response);
  return response;
}

export function form(values) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  };
}

/** client_secret_basic per RFC 6749 2.3.1: form-encode id and secret, then Base64. */
export function basicAuth(clientId, clientSecret) {
  const enc = s => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString(
    'base64',
  )}`;
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/**
 * GETs `url` and follows redirects (as a browser would) until either the
 * client's redirect_uri is reached (not requested) or a non-redirect answer.
 */
export async function follow(jar, url, redirectUri, maxHops = 10) {
  let current = new URL(url);
  let init;
  const hops = [];
  for (let i = 0; i < maxHops; i += 1) {
    const response = await request(jar, current.href, init);
    init = undefined;
    hops.push({ url: current.href, status: response.status });
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location'), current);
      if (next.href.startsWith(redirectUri)) {
        await response.arrayBuffer();
        return { callback: next, hops };
      }
      await response.arrayBuffer();
      current = next;
      continue;
    }
    const body = await response.text();
    // oidc-provider's auto-submitting form (used when another account signs
    // in over an existing session: it ends the old session first). A browser
    // runs its one-line script, which submits the form; do the same.
    const autoPost = autoSubmitForm(body, current);
    if (response.status === 200 && autoPost) {
      init = form(autoPost.fields);
      current = autoPost.action;
      continue;
    }
    return { response, url: current, body, hops };
  }
  throw new Error(`too many redirects: ${JSON.stringify(hops)}`);
}

function autoSubmitForm(body, base) {
  if (!body.includes('<title>Submitting Callback</title>')) return undefined;
  const action = /<form method="post" action="([^"]+)">/.exec(body)?.[1];
  if (!action) return undefined;
  const fields = {};
  for (const [, name, value] of body.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g,
  )) {
    fields[name] = value
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  const target = new URL(action.replace(/&amp;/g, '&'), base);
  if (target.origin !== base.origin) return undefined; // only the IdP's own forms
  return { action: target, fields };
}

export function decodeJwt(jwt) {
  const [h, p, s] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')),
    signingInput: `${h}.${p}`,
    signature: Buffer.from(s, 'base64url'),
  };
}

/** Verifies an RS256 JWT against the provider's JWKS; returns its payload. */
export function verifyRs256(jwt, jwks) {
  const { header, payload, signingInput, signature } = decodeJwt(jwt);
  if (header.alg !== 'RS256') throw new Error(`unexpected alg ${header.alg}`);
  const jwk = jwks.keys.find(k => k.kid === header.kid);
  if (!jwk) throw new Error(`no JWKS key with kid ${header.kid}`);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  if (!verify('sha256', Buffer.from(signingInput), key, signature))
    throw new Error('bad JWT signature');
  return payload;
}

/** The `action` of the login form and the form's text, parsed from the HTML. */
export function loginFormAction(html) {
  const match = /<form method="post" action="([^"]+\/login)"/.exec(html);
  return match?.[1];
}

/**
 * Signs `username` in to the Backstage backend at `base` through its OIDC
 * provider (`auth.providers.oidc.production`) and this IdP, as the app's
 * popup does, following every redirect and filling the login form. Answers
 * the Backstage identity the popup would post to the app (its `token`), and
 * the cookie jar (the refresh cookie of the backend).
 */
export async function backstageSignIn(
  base,
  username,
  { env = 'production' } = {},
) {
  const jar = new CookieJar();
  let url = new URL(`${base}/api/auth/oidc/start`);
  url.search = new URLSearchParams({
    env,
    origin: base,
    scope: 'openid profile email',
  }).toString();
  let response = await request(jar, url.href);
  let body = '';
  for (let hop = 0; hop < 12; hop++) {
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location'), url);
      response = await request(jar, url.href);
      continue;
    }
    body = await response.text();
    const action = loginFormAction(body);
    if (!action) break;
    url = new URL(action, url);
    response = await request(
      jar,
      url.href,
      form({ username, password: `${username}-password` }),
    );
  }
  const data = /decodeURIComponent\('([^']*)'\)/.exec(body)?.[1];
  if (!data) throw new Error(`no sign-in answer: ${body.slice(0, 300)}`);
  const message = JSON.parse(decodeURIComponent(data));
  if (message.error) {
    throw new Error(`sign-in refused: ${JSON.stringify(message.error)}`);
  }
  return { token: message.response.backstageIdentity.token, jar };
}
