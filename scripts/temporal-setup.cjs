#!/usr/bin/env node
// The one-time namespace setup behind scripts/temporal-setup.sh (read its
// header): loads the console's config as the backend does and adds the
// missing search attributes with the backend's own TemporalService.
const { loadConfig } = require('@backstage/config-loader');
const { ConfigReader } = require('@backstage/config');
const { resolve } = require('node:path');
const {
  TemporalService,
} = require('../plugins/workflows-backend/src/service/TemporalService');

const root = resolve(__dirname, '..');

function configFiles(args) {
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config' && args[i + 1]) files.push(args[++i]);
    else if (args[i].startsWith('--config=')) files.push(args[i].slice(9));
    else throw new Error(`unknown argument ${args[i]}: use --config FILE`);
  }
  return files.length > 0 ? files : ['app-config.yaml'];
}

const write = stream => message => stream.write(`${message}\n`);
const logger = {
  info: write(process.stdout),
  warn: write(process.stderr),
  error: write(process.stderr),
  debug: () => {},
  child: () => logger,
};

async function main() {
  const files = configFiles(process.argv.slice(2));
  const { appConfigs } = await loadConfig({
    configRoot: root,
    configTargets: files.map(path => ({ path: resolve(path) })),
  });
  const temporal = TemporalService.fromConfig({
    config: ConfigReader.fromConfigs(appConfigs),
    logger,
  });
  const { address, namespace } = temporal.settings;
  try {
    const added = await temporal.registerSearchAttributes();
    logger.info(
      added.length > 0
        ? `namespace ${namespace} at ${address}: added ${added.join(', ')}`
        : `namespace ${namespace} at ${address}: has every search attribute the console needs; nothing to do`,
    );
  } finally {
    await temporal.close();
  }
}

main().catch(error => {
  logger.error(
    `temporal-setup failed: ${error.message}\n` +
      'On Temporal Cloud, add the search attributes in the Cloud UI or with tcld (docs/operator-guide.md).',
  );
  process.exit(1);
});
