import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

/**
 * The console's jest setup for a frontend package, for its `setupTests.ts`:
 * jest-dom's matchers, and time enough for page tests, which render a whole
 * app and type into MUI forms; on a loaded two-core machine they need more
 * than the defaults. Nothing here waits on time itself.
 */
export function setUpConsoleTests() {
  // findBy/waitFor give up after this long; only a slow machine gets near it
  configure({ asyncUtilTimeout: 10_000 });
  jest.setTimeout(30_000);
}
