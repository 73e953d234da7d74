import { NotFoundError } from '@backstage/errors';
import { ApiRouter, DETAIL_DEPLOYMENTS, RouteContext } from './context';

/** Deployments of an environment: the list, a new one, one, its execution. */
export function addDeploymentRoutes(router: ApiRouter, context: RouteContext) {
  const { registry, deployments } = context;

  router.get('/v1/environments/:name/deployments', async (req, res) => {
    const { name } = req.params;
    await context.authorizeRead(req, name);
    const limit = req.query.limit
      ? Number(req.query.limit)
      : DETAIL_DEPLOYMENTS;
    res.json({ items: await registry.listDeployments(name, { limit }) });
  });

  // The OpenAPI document refuses unknown fields.
  router.post('/v1/environments/:name/deployments', async (req, res) => {
    const { name } = req.params;
    const created = await context.write(
      req,
      'environment-deploy',
      {
        environment: name,
        mode: req.body?.mode ?? 'create',
        source: req.body?.source ?? null,
        approval: req.body?.approval ?? 'auto',
      },
      requester => deployments.requestDeployment(name, req.body, requester),
      result => ({ deploymentId: result.id }),
    );
    res.status(202).json(created);
  });

  router.get('/v1/environments/:name/deployments/:id', async (req, res) => {
    const { name, id } = req.params;
    await context.authorizeRead(req, name);
    const deployment = await registry.getDeploymentWithEvents(id);
    if (!deployment || deployment.environment !== name) {
      throw new NotFoundError(
        `Environment '${name}' has no deployment '${id}'`,
      );
    }
    res.json(deployment);
  });

  router.post(
    '/v1/environments/:name/deployments/:id/execute',
    async (req, res) => {
      const { name, id } = req.params;
      const executed = await context.write(
        req,
        'deployment-approve',
        { environment: name, deploymentId: id },
        requester => deployments.executeChangeSets(name, id, requester),
        () => ({}),
      );
      res.status(202).json(executed);
    },
  );
}
