import { SignInPage } from '@backstage/core-components';
import { OAuth2 } from '@backstage/core-app-api';
import {
  ApiBlueprint,
  coreApis,
  createApiRef,
  createFrontendModule,
  useApi,
} from '@backstage/frontend-plugin-api';
import type {
  BackstageIdentityApi,
  OAuthApi,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';

/** The console's OpenID Connect sign-in (the dev IdP, or the company's IdP). */
export const oidcAuthApiRef = createApiRef<
  OAuthApi &
    OpenIdConnectApi &
    ProfileInfoApi &
    BackstageIdentityApi &
    SessionApi
>().with({ id: 'app.auth.oidc', pluginId: 'app' });

const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        configApi: coreApis.config,
        discoveryApi: coreApis.discovery,
        oauthRequestApi: coreApis.internal.oauthRequest,
      },
      factory: ({ configApi, discoveryApi, oauthRequestApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: 'oidc', title: 'Console sign-in', icon: () => null },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email', 'offline_access'],
        }),
    }),
});

const oidcProvider = {
  id: 'oidc-auth-provider',
  title: 'Single sign-on',
  message: 'Sign in with your identity provider',
  apiRef: oidcAuthApiRef,
};

function ConsoleSignInPage(props: SignInPageProps) {
  const config = useApi(coreApis.config);
  const development =
    (config.getOptionalString('auth.environment') ?? 'development') ===
    'development';
  return (
    <SignInPage
      {...props}
      title="AI Ops Console"
      align="center"
      providers={development ? ['guest', oidcProvider] : [oidcProvider]}
    />
  );
}

const signInPage = SignInPageBlueprint.make({
  params: { loader: async () => ConsoleSignInPage },
});

/** Sign-in: single sign-on through OIDC everywhere, guest in development only. */
export const authModule = createFrontendModule({
  pluginId: 'app',
  extensions: [oidcAuthApi, signInPage],
});
