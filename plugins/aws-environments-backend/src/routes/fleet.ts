import {
  fleetQuerySchema,
  zodFieldErrors,
} from '@innovate/plugin-aws-environments-common';
import { FieldValidationError } from '../errors';
import type { FleetService } from '../services/Fleet/FleetService';
import type { ApiRouter, RouteContext } from './context';

/**
 * `GET fleet`: the summary of every environment the caller may read. Bad
 * parameters get a 400 naming each of them.
 */
export function addFleetRoute(
  router: ApiRouter,
  context: RouteContext,
  fleet: FleetService,
) {
  router.get('/v1/fleet', async (req, res) => {
    const credentials = await context.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = fleetQuerySchema.safeParse(req.query);
    if (!query.success) {
      throw new FieldValidationError(zodFieldErrors(query.error));
    }
    res.json(await fleet.getFleet(credentials, query.data));
  });
}
