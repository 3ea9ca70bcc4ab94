// Entry point for `node --test tests/fault/`: Node 22's test runner does not
// expand a directory argument, it runs the directory's index.js. The files
// load one after the other, so the tests run in sequence: one of them
// restarts the PostgreSQL cluster the other one writes to.
// Keep this list in sync with the *.test.mjs files next to it.
(async () => {
  await import('./postgres-restart.test.mjs');
  await import('./backend-kill.test.mjs');
})();
