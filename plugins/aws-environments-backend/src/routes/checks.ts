import { NotFoundError } from '@backstage/errors';
import { awsEnvironmentUpdatePermission } from '@innovate/plugin-aws-environments-common';
import type { CheckService } from '../services/Checks/CheckService';
import { resourceOf } from '../services/Deployments/deploymentRules';
import { ApiRouter, RouteContext } from './context';

/**
 * `POST /v1/environments/{name}/checks/run`: the guardrail checks now, for
 * the owner group (update permission on the environment) and for tests. An
 * audit event; notifications already sent are not sent again.
 */
export function addChecksRoute(
  router: ApiRouter,
  context: RouteContext,
  checks: CheckService,
) {
  router.post('/v1/environments/:name/checks/run', async (req, res) => {
    const { name } = req.params;
    const run = await context.write(
      req,
      'environment-checks-run',
      { environment: name },
      async requester => {
        const environment = await context.registry.getEnvironmentHeader(name);
        if (!environment) {
          throw new NotFoundError(`No environment named '${name}'`);
        }
        await requester.authorize({
          permission: awsEnvironmentUpdatePermission,
          resource: resourceOf(environment),
        });
        return checks.run(name);
      },
      result => ({
        findings: result.findings.length,
        notified: result.findings.filter(f => f.notified).length,
      }),
    );
    res.json(run);
  });
}
