// Chores of scripts/topology.sh that need a client library (not a CLI):
//   drop-databases PREFIX    drop every PostgreSQL database named PREFIX*
//   namespace ADDRESS NAME   register a Temporal namespace unless it exists,
//                            and wait until the frontend serves it
// Env for drop-databases: PG_URL (postgresql://user:password@host:port).
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(new URL('../../package.json', import.meta.url));
const [command, ...args] = process.argv.slice(2);

async function dropDatabases(prefix) {
  if (!/^[a-z0-9_]+$/.test(prefix ?? '')) {
    throw new Error(
      `a database prefix of [a-z0-9_] is required, got "${prefix}"`,
    );
  }
  const { Client } = require('pg');
  const client = new Client({ connectionString: process.env.PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(
        `drop database if exists "${datname.replace(/"/g, '""')}" with (force)`,
      );
    }
    console.log(`dropped ${rows.length} database(s) ${prefix}*`);
  } finally {
    await client.end();
  }
}

async function namespace(address, name) {
  const { Connection } = require('@temporalio/client');
  const connection = await Connection.connect({ address });
  try {
    const service = connection.workflowService;
    const exists = () =>
      service.describeNamespace({ namespace: name }).then(
        () => true,
        error => {
          if (error.code === 5) return false; // NOT_FOUND
          throw error;
        },
      );
    if (!(await exists())) {
      await service
        .registerNamespace({
          namespace: name,
          workflowExecutionRetentionPeriod: { seconds: 3 * 86400 },
        })
        .catch(error => {
          if (error.code !== 6) throw error; // ALREADY_EXISTS: a race
        });
      console.log(`registered Temporal namespace ${name}`);
    }
    // a new namespace reaches the frontend's cache within seconds
    for (let i = 0; i < 60; i++) {
      const ok = await service
        .listWorkflowExecutions({ namespace: name, pageSize: 1 })
        .then(
          () => true,
          () => false,
        );
      if (ok) return;
      await sleep(500);
    }
    throw new Error(`namespace ${name} is not served by ${address} after 30 s`);
  } finally {
    await connection.close();
  }
}

try {
  if (command === 'drop-databases') await dropDatabases(args[0]);
  else if (command === 'namespace') await namespace(args[0], args[1]);
  else
    throw new Error(
      'usage: topology-admin.mjs drop-databases PREFIX | namespace ADDRESS NAME',
    );
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
