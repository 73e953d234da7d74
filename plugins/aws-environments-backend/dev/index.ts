import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// A minimal backend with only this plugin, for `yarn start` in this package.
// The seed environment is deployed to the sandbox at first start (SQLite in
// memory), so the routes have data at once:
//
//   curl localhost:7007/api/aws-environments/v1/environments
//   curl localhost:7007/api/aws-environments/v1/environments/innovate-prod/cost
//
// Authentication is mocked: every request is a signed-in user unless it sends
// `Authorization: Bearer mock-none-token`.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('../src'));

backend.start();
