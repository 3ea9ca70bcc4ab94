// Entry point for `node --test tests/built/`: Node 22's test runner does not
// expand a directory argument, it runs the directory's index.js.
// Keep this list in sync with the *.test.mjs files next to it.
(async () => {
  await import('./backend.test.mjs');
  await import('./image.test.mjs');
})();
