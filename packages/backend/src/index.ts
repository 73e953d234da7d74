// The Innovate Portal backend (new backend system).

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// GitHub or OIDC sign-in, whichever `auth.providers` configures (see
// README.md, "Sign-in"); both find the catalog's users by e-mail.
backend.add(import('./modules/auth/githubProvider'));
backend.add(import('./modules/auth/oidcProvider'));
// Guest sign-in, never registered when auth.environment is production.
backend.add(import('./modules/auth/guestProvider'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// The portal's policy: owner-based, four eyes on approval (permission.policy).
backend.add(import('./modules/permissionPolicy'));

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// events bus: events between plugins and between backend instances
// (the aws-environments plugin tells the catalog about finished deployments)
backend.add(import('@backstage/plugin-events-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Innovate Portal: AWS environments (registry, deployments, data views),
// their scaffolder actions and their catalog entities.
backend.add(import('@innovate/plugin-aws-environments-backend'));
backend.add(
  import('@innovate/plugin-scaffolder-backend-module-aws-environments'),
);
backend.add(import('@innovate/plugin-catalog-backend-module-aws-environments'));

backend.start();
