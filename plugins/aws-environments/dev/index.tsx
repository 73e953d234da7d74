import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import plugin from '../src';
import { awsEnvironmentsApiRef } from '../src/api';
import { FakeAwsEnvironmentsApi } from '../src/__testUtils__';
import { devEntities } from './entities';

/**
 * Replaces the plugin's HTTP client with the in-memory fake (no backend
 * needed) and adds a page with the live cost field in a wizard.
 */
const devModule = createFrontendModule({
  pluginId: 'aws-environments',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: awsEnvironmentsApiRef,
          deps: {},
          factory: () => new FakeAwsEnvironmentsApi(),
        }),
    }),
    PageBlueprint.make({
      name: 'cost-field',
      params: {
        path: '/aws-environments-cost-field',
        title: 'Cost field (dev)',
        loader: () =>
          import('./CostFieldPlayground').then(m => <m.CostFieldPlayground />),
      },
    }),
  ],
});

/** The catalog with the seed environment's entities, for the entity views. */
const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogApiRef,
          deps: {},
          factory: () => catalogApiMock({ entities: devEntities }),
        }),
    }),
  ],
});

createDevApp({ features: [plugin, devModule, catalogPlugin, catalogModule] });
