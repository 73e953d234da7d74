import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  serializeError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  ApiErrorBody,
  awsEnvironmentCostReadPermission,
  awsEnvironmentCreatePermission,
  awsEnvironmentDeletePermission,
  awsEnvironmentReadPermission,
  CostEstimate,
  DeploymentSummary,
  EnvironmentSpec,
  EnvironmentSummary,
  FieldError,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import express from 'express';
import { FieldValidationError } from './errors';
import { createOpenApiRouter } from './schema/openapi';
import type { SpecValidator } from './services/Deployments/DefaultDeploymentService';
import type { DeploymentService } from './services/Deployments/types';
import type {
  EnvironmentListItem,
  EnvironmentRegistry,
} from './services/EnvironmentRegistry/types';
import type { ViewService } from './services/Views/ViewService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  registry: EnvironmentRegistry;
  deployments: DeploymentService;
  views: ViewService;
  validateSpec: SpecValidator;
  estimate: (spec: EnvironmentSpec) => CostEstimate;
  /**
   * Check every response against the OpenAPI document (a mismatch becomes a
   * 500). Outside production, so contract drift fails loudly in tests and
   * development.
   */
  validateResponses?: boolean;
}

/** Deployments listed in an environment's detail, newest first. */
const DETAIL_DEPLOYMENTS = 50;

const VIEW_PERMISSIONS: Record<ViewName, BasicPermission> = {
  cluster: awsEnvironmentReadPermission,
  database: awsEnvironmentReadPermission,
  alarms: awsEnvironmentReadPermission,
  cost: awsEnvironmentCostReadPermission,
};

/**
 * Turns the OpenAPI validator's message into field errors. The validator
 * (express-openapi-validator through backend-openapi-utils) joins ajv's
 * errors as `request/<part>/<path> <message>, ...`.
 */
export function validatorMessageToFieldErrors(message: string): FieldError[] {
  return message.split(/, (?=request\/)/).flatMap(item => {
    const match = /^request\/(body|params|query|headers)(\/\S*)?\s+(.*)$/.exec(
      item,
    );
    if (!match) {
      return [];
    }
    const [, part, path = '', text] = match;
    const segments = path.split('/').filter(Boolean);
    const required = /^must have required property '([^']+)'$/.exec(text);
    if (required) {
      segments.push(required[1]);
    }
    let field = segments.join('.');
    if (!field) {
      field = part === 'body' ? 'body' : part;
    }
    return [{ field, message: required ? 'is required' : text }];
  });
}

function rejectUnknownFields(body: unknown, allowed: string[]) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return;
  }
  const unknown = Object.keys(body).filter(key => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new FieldValidationError(
      unknown.map(field => ({
        field,
        message: `is not a known field; expected ${allowed.join(', ')}`,
      })),
    );
  }
}

type RequestCredentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** `user:default/jane` or `service:<subject>`, for the deployment history. */
function requesterOf({ principal }: RequestCredentials): string {
  return principal.type === 'user'
    ? principal.userEntityRef
    : `service:${principal.subject}`;
}

function toSummary(
  environment: EnvironmentListItem,
  latestDeployment: DeploymentSummary | undefined,
): EnvironmentSummary {
  return {
    name: environment.name,
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

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, registry, deployments, views } = options;
  const router = await createOpenApiRouter({
    validatorOptions: { validateResponses: options.validateResponses ?? false },
  });

  /** 401 without credentials; 403 when the policy denies the permission. */
  async function authorize(
    req: express.Request,
    permission: BasicPermission,
  ): Promise<RequestCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} is required for this request`,
      );
    }
    return credentials;
  }

  router.get('/v1/environments', async (req, res) => {
    await authorize(req, awsEnvironmentReadPermission);
    const environments = await registry.listEnvironments();
    res.json({
      items: environments.map(environment =>
        toSummary(environment, environment.latestDeployment),
      ),
    });
  });

  router.get('/v1/environments/:name', async (req, res) => {
    await authorize(req, awsEnvironmentReadPermission);
    const { name } = req.params;
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

  router.delete('/v1/environments/:name', async (req, res) => {
    const credentials = await authorize(req, awsEnvironmentDeletePermission);
    const body = req.body ?? {};
    rejectUnknownFields(body, ['confirm', 'destroyData']);
    const deployment = await deployments.requestDestroy(
      req.params.name,
      { confirm: body.confirm ?? '', destroyData: body.destroyData },
      requesterOf(credentials),
    );
    res.status(202).json(deployment);
  });

  for (const view of ['cluster', 'database', 'alarms', 'cost'] as const) {
    router.get(`/v1/environments/:name/${view}`, async (req, res) => {
      await authorize(req, VIEW_PERMISSIONS[view]);
      res.json(await views.getView(req.params.name, view));
    });
  }

  router.get('/v1/environments/:name/entities', async (req, res) => {
    await authorize(req, awsEnvironmentReadPermission);
    const { name } = req.params;
    const environment = await registry.getEnvironment(name);
    if (!environment) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    res.json({ items: environment.entities ?? [] });
  });

  router.get('/v1/environments/:name/deployments', async (req, res) => {
    await authorize(req, awsEnvironmentReadPermission);
    const { name } = req.params;
    if (!(await registry.getEnvironmentHeader(name))) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    const limit = req.query.limit
      ? Number(req.query.limit)
      : DETAIL_DEPLOYMENTS;
    res.json({ items: await registry.listDeployments(name, { limit }) });
  });

  router.post('/v1/environments/:name/deployments', async (req, res) => {
    const credentials = await authorize(req, awsEnvironmentCreatePermission);
    rejectUnknownFields(req.body, ['spec', 'source', 'approval', 'mode']);
    const created = await deployments.requestDeployment(
      req.params.name,
      req.body,
      requesterOf(credentials),
    );
    res.status(202).json(created);
  });

  router.get('/v1/environments/:name/deployments/:id', async (req, res) => {
    await authorize(req, awsEnvironmentReadPermission);
    const { name, id } = req.params;
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
      const credentials = await authorize(req, awsEnvironmentCreatePermission);
      const { name, id } = req.params;
      res
        .status(202)
        .json(
          await deployments.executeChangeSets(
            name,
            id,
            requesterOf(credentials),
          ),
        );
    },
  );

  router.post('/v1/estimate', async (req, res) => {
    await authorize(req, awsEnvironmentReadPermission);
    rejectUnknownFields(req.body, ['spec']);
    if (req.body?.spec === undefined) {
      throw new FieldValidationError([
        { field: 'spec', message: 'is required: send { "spec": { ... } }' },
      ]);
    }
    const result = options.validateSpec(req.body.spec);
    if (!result.ok) {
      throw new FieldValidationError(
        result.errors.map(e => ({
          ...e,
          field: e.field === '(root)' ? 'spec' : `spec.${e.field}`,
        })),
      );
    }
    res.json({ estimate: options.estimate(result.spec) });
  });

  // 400s carry the bad fields; everything else goes to the backend's handler.
  router.use(
    (
      error: Error,
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      let fieldErrors: FieldError[] | undefined;
      let reported: Error = error;
      if (error instanceof FieldValidationError) {
        fieldErrors = error.fieldErrors;
      } else if (error.name === 'InputError') {
        // The OpenAPI router turns body parser errors into InputErrors too.
        if (/JSON/.test(error.message)) {
          fieldErrors = [{ field: 'body', message: 'is not valid JSON' }];
          reported = new InputError(
            `The request body is not valid JSON: ${error.message}`,
          );
        } else {
          fieldErrors = validatorMessageToFieldErrors(error.message);
          if (fieldErrors.length === 0) {
            fieldErrors = [{ field: 'body', message: error.message }];
          }
        }
      }
      if (!fieldErrors || res.headersSent) {
        next(error);
        return;
      }
      const body: ApiErrorBody = {
        error: serializeError(reported) as ApiErrorBody['error'],
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 400 },
        fieldErrors,
      };
      res.status(400).json(body);
    },
  );

  return router;
}
