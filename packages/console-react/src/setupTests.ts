import { setUpConsoleTests } from './testUtils/setup';

setUpConsoleTests();
