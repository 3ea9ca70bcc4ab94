// HTML of the dev IdP's own pages. Every interpolated value goes through
// escapeHtml; the pages contain no script.

const ESCAPES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"'`]/g, c => ESCAPES[c]);
}

/** Tagged template: escapes every interpolated value unless it is html`...` output. */
class SafeHtml {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => {
    out += renderValue(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function renderValue(value) {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/** Mark trusted, already-safe markup (only for constants and provider-made forms). */
export const trusted = text => new SafeHtml(String(text));

/** Security headers for every HTML page (no script at all; inline style only). */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // No form-action: after the login POST the browser is redirected to the
  // client's redirect_uri, which form-action would block in some browsers.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'",
};

const STYLE = trusted(`
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; padding: 2rem 1rem; display: flex; justify-content: center; }
  main { width: 100%; max-width: 24rem; }
  .banner { font-size: .85rem; padding: .4rem .6rem; border: 1px dashed currentColor; border-radius: .3rem; }
  h1 { font-size: 1.5rem; margin: 1rem 0 .25rem; }
  form { display: grid; gap: .5rem; margin-top: 1rem; }
  label { font-weight: 600; }
  input { font: inherit; padding: .5rem; border: 1px solid #888; border-radius: .3rem; }
  button { font: inherit; padding: .55rem; border-radius: .3rem; border: 1px solid #1f5fbf; background: #1f5fbf; color: #fff; cursor: pointer; }
  button.secondary { background: transparent; color: inherit; border-color: #888; }
  input:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
  .error { color: #fff; background: #b3261e; padding: .5rem .75rem; border-radius: .3rem; }
  details { margin-top: 1.5rem; font-size: .9rem; }
  table { border-collapse: collapse; } td, th { text-align: left; padding: .15rem .6rem .15rem 0; }
  code { font-size: .9em; }
  .actions { display: grid; gap: .5rem; margin-top: 1rem; }
`);

export function page({ title, body }) {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Dev IdP</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <main>
          <p class="banner">
            Development identity provider: for local development and tests only.
          </p>
          ${body}
        </main>
      </body>
    </html> `.toString();
}

/**
 * The login form.
 * @param {object} o
 * @param {string} o.uid interaction id
 * @param {string} o.clientName who asks
 * @param {string} [o.username] prefilled username (login_hint or last attempt)
 * @param {string} [o.error] error message
 * @param {{username: string, name: string}[]} o.users listed in the help box
 * @param {boolean} o.defaultPasswords whether the users have `<username>-password`
 */
export function loginPage({
  uid,
  clientName,
  username,
  error,
  users,
  defaultPasswords,
}) {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const focusPassword = Boolean(username) && !error;
  const body = html` <h1>Sign in</h1>
    <p>to continue to <strong>${clientName}</strong></p>
    ${error
      ? html`<p class="error" role="alert" id="login-error">${error}</p>`
      : ''}
    <form method="post" action="${action}/login" autocomplete="on">
      <label for="username">Username</label>
      <input
        id="username"
        name="username"
        type="text"
        autocomplete="username"
        autocapitalize="none"
        spellcheck="false"
        required
        value="${username ?? ''}"
        ${focusPassword ? '' : trusted(' autofocus')}${error
          ? trusted(' aria-describedby="login-error"')
          : ''}
      />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        required${focusPassword ? trusted(' autofocus') : ''}
      />
      <button type="submit">Sign in</button>
    </form>
    <form method="post" action="${action}/abort">
      <button type="submit" class="secondary">Cancel</button>
    </form>
    <details>
      <summary>Development users</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
          </tr>
        </thead>
        <tbody>
          ${users.map(
            u =>
              html`<tr>
                <td><code>${u.username}</code></td>
                <td>${u.name}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${defaultPasswords
        ? html`<p>
            Password: the username followed by <code>-password</code>, e.g.
            <code>admin-password</code>.
          </p>`
        : ''}
    </details>`;
  return page({ title: 'Sign in', body });
}

export function messagePage({ title, message, details = [] }) {
  const body = html` <h1>${title}</h1>
    <p>${message}</p>
    ${details.length
      ? html`<dl>
          ${details.map(
            ([k, v]) =>
              html`<dt>${k}</dt>
                <dd><code>${v}</code></dd>`,
          )}
        </dl>`
      : ''}`;
  return page({ title, body });
}

/** RP-initiated logout confirmation; `form` is oidc-provider's own hidden form (id="op.logoutForm"). */
export function logoutPage({ form, host }) {
  const body = html` <h1>Sign out</h1>
    <p>
      Do you want to sign out of the dev identity provider at
      <strong>${host}</strong>?
    </p>
    ${trusted(form)}
    <div class="actions">
      <button
        autofocus
        type="submit"
        form="op.logoutForm"
        value="yes"
        name="logout"
      >
        Yes, sign me out
      </button>
      <button type="submit" form="op.logoutForm" class="secondary">
        No, stay signed in
      </button>
    </div>`;
  return page({ title: 'Sign out', body });
}
