export { userAdminPlugin as default } from './plugin';
export { authModuleConsoleOidc } from './auth/oidcModule';
export { authModuleConsoleGithub } from './auth/githubModule';
export {
  httpAuthWithSessionGuard,
  createHttpAuthWithSessionGuard,
} from './auth/httpAuthServiceFactory';
export { sessionGuardServiceRef } from './auth/SessionGuard';
export {
  consoleAuditorServiceFactory,
  CONSOLE_AUDIT_TOPIC,
} from './audit/consoleAuditor';
