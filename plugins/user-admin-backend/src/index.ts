export { userAdminPlugin as default } from './plugin';
export { authModuleConsoleOidc } from './auth/oidcModule';
export { authModuleConsoleGithub } from './auth/githubModule';
export {
  httpAuthWithSessionGuard,
  createHttpAuthWithSessionGuard,
} from './auth/httpAuthServiceFactory';
export { sessionGuardServiceRef } from './auth/SessionGuard';
