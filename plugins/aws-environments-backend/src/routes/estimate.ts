import { FieldValidationError } from '../errors';
import { ApiRouter, RouteContext } from './context';
import { specFieldErrors } from './fieldErrors';

/** The cost model's estimate of a spec. */
export function addEstimateRoute(router: ApiRouter, context: RouteContext) {
  // The OpenAPI document requires `spec` and refuses other fields.
  router.post('/v1/estimate', async (req, res) => {
    // Pricing a spec reads no environment: any signed-in caller may.
    await context.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const result = context.validateSpec(req.body.spec);
    if (!result.ok) {
      throw new FieldValidationError(specFieldErrors(result.errors));
    }
    res.json({ estimate: context.estimate(result.spec) });
  });
}
