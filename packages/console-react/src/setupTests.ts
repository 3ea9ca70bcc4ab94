import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy/waitFor give up after this long; only a slow machine gets near it
configure({ asyncUtilTimeout: 10_000 });

// Page tests render a whole app: on a loaded 2-core machine they need more
// than jest's 5 s default. Nothing here waits on time itself.
jest.setTimeout(30_000);
