import { NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  awsEnvironmentReadPermission,
  type DeploymentSummary,
  type EnvironmentSummary,
} from '@innovate/plugin-aws-environments-common';
import type { EnvironmentListItem } from '../services/EnvironmentRegistry/types';
import { ApiRouter, DETAIL_DEPLOYMENTS, RouteContext } from './context';

/** The entity with the environment's owner, where its kind has one. */
function withOwner(entity: JsonObject, owner: string): JsonObject {
  const spec = entity.spec as JsonObject | undefined;
  return spec && 'owner' in spec
    ? { ...entity, spec: { ...spec, owner } }
    : entity;
}

function toSummary(
  environment: EnvironmentListItem,
  latestDeployment: DeploymentSummary | undefined,
): EnvironmentSummary {
  return {
    name: environment.name,
    owner: environment.owner ?? '',
    source: environment.source,
    status: environment.status,
    region: environment.spec.region,
    accounts: environment.spec.accounts,
    budgetUsd: environment.spec.budget.monthlyUsd,
    createdAt: environment.createdAt,
    updatedAt: environment.updatedAt,
    ...(latestDeployment ? { latestDeployment } : {}),
  };
}

/** Environments: the list, one environment, its destroy, views and entities. */
export function addEnvironmentRoutes(router: ApiRouter, context: RouteContext) {
  const { httpAuth, access, registry, deployments, views } = context;

  router.get('/v1/environments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const environments = await access.filter(
      credentials,
      awsEnvironmentReadPermission,
      await registry.listEnvironments(),
    );
    res.json({
      items: environments.map(environment =>
        toSummary(environment, environment.latestDeployment),
      ),
    });
  });

  router.get('/v1/environments/:name', async (req, res) => {
    const { name } = req.params;
    await context.authorizeRead(req, name);
    const environment = await registry.getEnvironment(name);
    if (!environment) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    const history = await registry.listDeployments(name, {
      limit: DETAIL_DEPLOYMENTS,
    });
    res.json({
      ...toSummary(environment, history[0]),
      spec: environment.spec,
      outputs: environment.outputs,
      deployments: history,
    });
  });

  // The OpenAPI document refuses unknown fields.
  router.delete('/v1/environments/:name', async (req, res) => {
    const { name } = req.params;
    const body = req.body ?? {};
    const deployment = await context.write(
      req,
      'environment-destroy',
      { environment: name, destroyData: body.destroyData === true },
      requester =>
        deployments.requestDestroy(
          name,
          { confirm: body.confirm ?? '', destroyData: body.destroyData },
          requester,
        ),
      result => ({ deploymentId: result.id }),
    );
    res.status(202).json(deployment);
  });

  for (const view of [
    'cluster',
    'database',
    'alarms',
    'cost',
    'drift',
    'domain',
  ] as const) {
    router.get(`/v1/environments/:name/${view}`, async (req, res) => {
      await context.authorizeRead(req, req.params.name);
      res.json(await views.getView(req.params.name, view));
    });
  }

  router.get('/v1/environments/:name/entities', async (req, res) => {
    const { name } = req.params;
    const header = await context.authorizeRead(req, name);
    const environment = await registry.getEnvironment(name);
    if (!environment) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    // The catalog shows the environment's owner on each of its parts.
    const owner = header.owner;
    res.json({
      items: (environment.entities ?? []).map(entity =>
        owner ? withOwner(entity, owner) : entity,
      ),
    });
  });
}
