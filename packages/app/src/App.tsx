import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import workflowsPlugin from '@ai-ops-console/backstage-plugin-workflows/alpha';
import aiMetricsPlugin from '@ai-ops-console/backstage-plugin-ai-metrics/alpha';
import userAdminPlugin from '@ai-ops-console/backstage-plugin-user-admin/alpha';
import { authModule } from './modules/auth';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';
import { sessionModule } from './modules/session';
import { themeModule } from './modules/theme';

export default createApp({
  features: [
    catalogPlugin,
    signalsPlugin,
    userSettingsPlugin,
    workflowsPlugin,
    aiMetricsPlugin,
    userAdminPlugin,
    navModule,
    authModule,
    homeModule,
    sessionModule,
    themeModule,
  ],
});
