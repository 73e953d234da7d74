import express from 'express';
import { createOpenApiRouter } from './schema/openapi';
import { addChecksRoute } from './routes/checks';
import { addDeploymentRoutes } from './routes/deployments';
import { addEnvironmentRoutes } from './routes/environments';
import { addEstimateRoute } from './routes/estimate';
import { addFleetRoute } from './routes/fleet';
import { addPreviewRoute } from './routes/preview';
import { createRouteContext, RouterOptions } from './routes/context';
import { bodyParsing, fieldErrorHandler } from './routes/fieldErrors';
import type { CheckService } from './services/Checks/CheckService';
import type { FleetService } from './services/Fleet/FleetService';

export type { RouterOptions } from './routes/context';

/**
 * The `/v1` routes over the OpenAPI router, which checks each request (and,
 * with `validateResponses`, each response) against the document.
 */
export async function createRouter(
  options: RouterOptions & { fleet: FleetService; checks: CheckService },
): Promise<express.Router> {
  const router = await createOpenApiRouter({
    middleware: bodyParsing(),
    validatorOptions: { validateResponses: options.validateResponses ?? false },
  });
  const context = createRouteContext(options);
  addEnvironmentRoutes(router, context);
  addFleetRoute(router, context, options.fleet);
  addDeploymentRoutes(router, context);
  addEstimateRoute(router, context);
  addPreviewRoute(router, context);
  addChecksRoute(router, context, options.checks);
  router.use(fieldErrorHandler(options.validateSpec));
  return router;
}
