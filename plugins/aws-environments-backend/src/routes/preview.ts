import { NotFoundError } from '@backstage/errors';
import {
  awsEnvironmentUpdatePermission,
  type EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { FieldValidationError } from '../errors';
import { resourceOf } from '../services/Deployments/deploymentRules';
import { ApiRouter, RouteContext } from './context';
import { specFieldErrors } from './fieldErrors';

/**
 * The preview of a change of an environment's spec: what would be added,
 * modified, replaced or removed, what it costs, the checks before and after
 * and what blocks it. Changes nothing; needs the update permission on the
 * environment.
 */
export function addPreviewRoute(router: ApiRouter, context: RouteContext) {
  // The OpenAPI document requires `spec` and refuses other fields.
  router.post('/v1/environments/:name/preview', async (req, res) => {
    const { name } = req.params;
    const credentials = await context.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const environment = await context.registry.getEnvironment(name);
    if (!environment) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    await context.access.authorize(credentials, {
      permission: awsEnvironmentUpdatePermission,
      resource: resourceOf(environment),
    });
    const spec = proposedSpec(context, name, req.body.spec);
    res.json(
      await context.preview.preview(
        environment,
        spec,
        req.body.acceptDataLoss ?? [],
      ),
    );
  });
}

/** The proposed spec, valid and of this environment, or a 400 naming the fields. */
function proposedSpec(
  context: RouteContext,
  name: string,
  input: unknown,
): EnvironmentSpec {
  const result = context.validateSpec(input);
  if (!result.ok) {
    throw new FieldValidationError(specFieldErrors(result.errors));
  }
  if (result.spec.name !== name) {
    throw new FieldValidationError([
      {
        field: 'spec.name',
        message: `must be the environment name in the URL, '${name}'`,
      },
    ]);
  }
  return result.spec;
}
