import {
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { Navigate } from 'react-router-dom';

/** The console opens on its workflows. */
const homeRedirect = PageBlueprint.make({
  name: 'home-redirect',
  params: {
    path: '/',
    loader: async () => <Navigate to="/workflows" replace />,
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [homeRedirect],
});
