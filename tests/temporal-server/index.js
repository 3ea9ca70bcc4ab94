// Entry point for `node --test tests/temporal-server/`: Node 22's test runner
// does not expand a directory argument, it runs the directory's index.js.
// Keep this list in sync with the *.test.cjs files next to it.
require('./mtls.test.cjs');
