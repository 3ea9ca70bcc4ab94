// Entry point for `node --test packages/dev-idp/test/`: Node 22's test runner
// does not expand a directory argument, it runs the directory's index.js.
// Keep this list in sync with the *.test.js files next to it.
import './provider.test.js';
import './config.test.js';
