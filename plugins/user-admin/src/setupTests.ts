import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy/waitFor give up after this long; only a slow machine gets near it
configure({ asyncUtilTimeout: 10_000 });

// the page tests type into MUI forms; a busy two-core machine must not fail them
jest.setTimeout(20_000);
