export { userAdminPlugin as default } from './plugin';
export { authModuleConsoleOidc } from './auth/oidcModule';
export {
  httpAuthWithSessionGuard,
  createHttpAuthWithSessionGuard,
} from './auth/httpAuthServiceFactory';
export { sessionGuardServiceRef } from './auth/SessionGuard';
