// The console's Temporal client and worker against a real Temporal server
// (scripts/temporal-server.sh: go.temporal.io/server on PostgreSQL, schema
// from temporal-sql-tool) whose frontend requires mutual TLS, with a
// throwaway CA and certificates made here with openssl. It proves what
// operators configure for a TLS cluster or Temporal Cloud with mTLS:
// workflows.temporal.tls {caFile, certFile, keyFile, serverName}.
//
// Needs Go on the first run (the server is built and cached), PostgreSQL on
// PG_PORT (scripts/postgres.sh start) and openssl. The server takes the ten
// ports from TEMPORAL_MTLS_TEST_PORT (default 18333) and databases of its own,
// dropped before and after.
//   node --test tests/temporal-server/
require('@backstage/cli-node/config/nodeTransform.cjs');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { after, before, test } = require('node:test');
const { ConfigReader } = require('@backstage/config');
const {
  TemporalService,
} = require('../../plugins/workflows-backend/src/service/TemporalService');
const {
  WorkerService,
} = require('../../plugins/workflows-backend/src/service/WorkerService');

const root = resolve(__dirname, '../..');
const port = process.env.TEMPORAL_MTLS_TEST_PORT ?? '18333';
const address = `127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'temporal-mtls-'));
const pem = name => join(dir, name);

function openssl(...args) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A key and a certificate signed by CA (or self-signed), with extensions. */
function certificate(name, { ca, subject, extensions }) {
  writeFileSync(pem(`${name}.ext`), extensions.join('\n'));
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}-key.pem`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-days',
    '1',
    '-out',
    `${name}.pem`,
    '-extfile',
    `${name}.ext`,
    ...(ca
      ? ['-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial']
      : ['-signkey', `${name}-key.pem`]),
  );
}

function makeCertificates() {
  for (const ca of ['ca', 'other-ca']) {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      `${ca}-key.pem`,
      '-out',
      `${ca}.pem`,
      '-subj',
      `/CN=${ca}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  }
  // the server's, also its own clients' (system worker, CLI)
  certificate('server', {
    ca: 'ca',
    subject: '/CN=temporal.test',
    extensions: [
      'subjectAltName=DNS:temporal.test,IP:127.0.0.1',
      'extendedKeyUsage=serverAuth,clientAuth',
    ],
  });
  for (const [name, ca] of [
    ['console', 'ca'],
    ['stranger', 'other-ca'],
  ]) {
    certificate(name, {
      ca,
      subject: `/CN=${name}`,
      extensions: ['extendedKeyUsage=clientAuth'],
    });
  }
}

const serverEnv = {
  ...process.env,
  TEMPORAL_SERVER_PORT: port,
  TEMPORAL_SERVER_DB: `temporal_mtls_${port}`,
  TEMPORAL_SERVER_TLS_CA: pem('ca.pem'),
  TEMPORAL_SERVER_TLS_CERT: pem('server.pem'),
  TEMPORAL_SERVER_TLS_KEY: pem('server-key.pem'),
};
function server(command) {
  execFileSync(join(root, 'scripts/temporal-server.sh'), [command], {
    env: serverEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
  });
}

const logged = [];
const logger = {
  info: m => logged.push(m),
  warn: m => logged.push(m),
  error: m => logged.push(m),
  debug: () => {},
  child: () => logger,
};
const services = [];
function temporalWith(tls, extra = {}) {
  const service = TemporalService.fromConfig({
    config: new ConfigReader({
      workflows: {
        temporal: {
          address,
          namespace: 'default',
          rpcTimeoutMs: 2000,
          tls,
          ...extra,
        },
      },
    }),
    logger,
  });
  services.push(service);
  return service;
}
const consoleTls = {
  caFile: pem('ca.pem'),
  certFile: pem('console.pem'),
  keyFile: pem('console-key.pem'),
  serverName: 'temporal.test',
};

before(() => {
  makeCertificates();
  server('stop');
  server('drop');
  server('start');
});

after(async () => {
  await Promise.all(services.map(s => s.close()));
  server('stop');
  server('drop');
  rmSync(dir, { recursive: true, force: true });
});

test('connects with the client certificate, the private CA and the server name; a worker runs a workflow over mTLS', async () => {
  const temporal = temporalWith(consoleTls);
  // the one-time setup, over the same connection settings
  assert.deepEqual(await temporal.registerSearchAttributes(), [
    'ConsoleStartedBy',
  ]);
  assert.deepEqual(await temporal.health(), {
    status: 'ok',
    temporal: { namespace: 'default', reachable: true },
  });

  const code = join(dir, 'workflows');
  require('node:fs').mkdirSync(code);
  writeFileSync(
    join(code, 'index.js'),
    'exports.greeting = async function greeting(name) { return `hello ${name}`; };\n',
  );
  const taskQueue = `mtls-${randomUUID()}`;
  const worker = new WorkerService({
    settings: { ...temporal.settings, taskQueue },
    logger,
    types: [
      {
        name: 'greeting',
        title: 'Greeting',
        description: 'Greets',
        inputSchema: {},
        workflowsPath: join(code, 'index.js'),
      },
    ],
    activities: {},
  });
  await worker.start();
  try {
    await worker.ready;
    const result = await temporal.getClient().workflow.execute('greeting', {
      taskQueue,
      workflowId: `mtls-${randomUUID()}`,
      args: ['mTLS'],
    });
    assert.equal(result, 'hello mTLS');
  } finally {
    await worker.stop();
  }
});

test('sends an API key over the same TLS connection', async () => {
  // the server has no authorizer, so it accepts the key unread: this shows
  // the key and the TLS settings go together, not that a key is checked
  const temporal = temporalWith(consoleTls, { apiKey: 'a-key' });
  assert.equal(temporal.settings.apiKey, 'a-key');
  assert.equal((await temporal.health()).status, 'ok');
});

test.describe('refuses what mTLS must refuse; the answer says unavailable, the log says why', () => {
  const cases = [
    [
      'no client certificate',
      { caFile: pem('ca.pem'), serverName: 'temporal.test' },
    ],
    [
      'a client certificate another CA signed',
      {
        ...consoleTls,
        certFile: pem('stranger.pem'),
        keyFile: pem('stranger-key.pem'),
      },
    ],
    [
      'a server name the certificate does not carry',
      { ...consoleTls, serverName: 'elsewhere.test' },
    ],
    ['no trust in the private CA', { ...consoleTls, caFile: undefined }],
    ['plain text', false],
  ];
  for (const [name, tls] of cases) {
    test(name, async () => {
      logged.length = 0;
      const health = await temporalWith(tls).health();
      assert.equal(health.status, 'unavailable');
      assert.equal(health.temporal.reachable, false);
      assert.equal(health.temporal.message, 'Temporal is unavailable');
      assert.match(logged.join('\n'), new RegExp(`health check of ${address}`));
    });
  }
});

test('comes back after a restart on the same databases, namespace and search attribute kept', async () => {
  server('stop');
  server('start'); // the schema is there: temporal-sql-tool updates nothing
  const temporal = temporalWith(consoleTls);
  assert.deepEqual(await temporal.missingSearchAttributes(), []);
  assert.equal((await temporal.health()).status, 'ok');
});
