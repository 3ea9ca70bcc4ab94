#!/usr/bin/env node
// Starts the dev IdP: node packages/dev-idp/src/main.js (see ../README.md).
import { createDevIdp, optionsFromEnv } from './index.js';

function fatal(message) {
  console.error(`dev-idp: error: ${message}`);
  process.exit(1);
}

let options;
try {
  options = optionsFromEnv(process.env);
} catch (error) {
  fatal(error.message);
}

const idp = createDevIdp({
  ...options,
  log: message => console.log(`dev-idp: ${message}`),
});

try {
  const { issuer, port } = await idp.listen();
  const users = options.users
    .list()
    .map(u => u.username)
    .join(', ');
  console.log(
    `dev-idp: listening on http://${options.host}:${port}, issuer ${issuer}`,
  );
  console.log(`dev-idp: discovery ${issuer}/.well-known/openid-configuration`);
  console.log(
    `dev-idp: client ${
      options.client.clientId
    }, redirect_uris ${options.client.redirectUris.join(' ')}`,
  );
  console.log(
    `dev-idp: users ${users}${
      options.defaultPasswords ? ' (password: <username>-password)' : ''
    }`,
  );
  console.log(
    'dev-idp: development only; all state is in memory and lost on restart',
  );
} catch (error) {
  if (error.code === 'EADDRINUSE') {
    fatal(
      `port ${options.port} on ${options.host} is already in use: stop what listens there or set DEV_IDP_PORT to another port`,
    );
  }
  if (error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL') {
    fatal(
      `cannot listen on ${options.host}:${options.port} (${error.code}): set DEV_IDP_HOST / DEV_IDP_PORT`,
    );
  }
  fatal(error.stack ?? String(error));
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`dev-idp: ${signal}, stopping`);
    idp.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
