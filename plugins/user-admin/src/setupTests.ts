import { setUpConsoleTests } from '@ai-ops-console/console-react/testUtils';

setUpConsoleTests();
