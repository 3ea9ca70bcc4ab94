import '@testing-library/jest-dom';

// the page tests type into MUI forms; a busy two-core machine must not fail them
jest.setTimeout(20_000);
