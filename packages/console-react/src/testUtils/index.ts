/**
 * Test utilities of the console's frontend plugins: fakes of the APIs every
 * page needs, a render that starts without cached permission answers, and
 * the jest setup. Only tests import this entry point; the main one never
 * does, so production bundles do not include it.
 *
 * @packageDocumentation
 */

export {
  fakeApiOf,
  fakePermissions,
  permissionsAnswered,
  responseError,
  undecidedPermissions,
} from './fakes';
export type { FakePermissionApi } from './fakes';
export { renderInTestApp } from './render';
export type { ConsoleTestAppOptions } from './render';
export { setUpConsoleTests } from './setup';
