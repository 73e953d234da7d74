import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError, serializeError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  ApiErrorBody,
  awsEnvironmentReadPermission,
  CostEstimate,
  DeploymentSummary,
  EnvironmentSpec,
  EnvironmentSummary,
  FieldError,
} from '@innovate/plugin-aws-environments-common';
import express from 'express';
import { FieldValidationError } from './errors';
import { createOpenApiRouter } from './schema/openapi';
import type { EnvironmentAccess } from './services/Access/EnvironmentAccess';
import type { SpecValidator } from './services/Deployments/DefaultDeploymentService';
import type { DeploymentService } from './services/Deployments/types';
import type {
  EnvironmentListItem,
  EnvironmentRegistry,
} from './services/EnvironmentRegistry/types';
import type { ViewService } from './services/Views/ViewService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  access: EnvironmentAccess;
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

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, access, registry, deployments, views } = options;
  const router = await createOpenApiRouter({
    validatorOptions: { validateResponses: options.validateResponses ?? false },
  });

  /**
   * Reads: a signed-in user or a service. 401 without credentials; 403
   * (naming the permission) when the policy denies reading the environment;
   * 404 when there is no such environment.
   */
  async function authorizeRead(req: express.Request, name: string) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const environment = await registry.getEnvironmentHeader(name);
    if (!environment) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    await access.authorize(credentials, {
      permission: awsEnvironmentReadPermission,
      resource: environment,
    });
    return environment;
  }

  /**
   * Writes: only a signed-in user, or a service acting on a user's behalf
   * (the scaffolder), judged as that user. A service on its own gets 403.
   * Each write is an audit event with who, what, which environment and the
   * outcome.
   */
  async function write<T>(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    fn: (requester: ReturnType<EnvironmentAccess['requester']>) => Promise<T>,
    outcome: (result: T) => JsonObject,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const result = await fn(access.requester(credentials));
      await event.success({ meta: outcome(result) });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

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
    await authorizeRead(req, name);
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
    const { name } = req.params;
    const body = req.body ?? {};
    const deployment = await write(
      req,
      'environment-destroy',
      { environment: name, destroyData: body.destroyData === true },
      requester => {
        rejectUnknownFields(body, ['confirm', 'destroyData']);
        return deployments.requestDestroy(
          name,
          { confirm: body.confirm ?? '', destroyData: body.destroyData },
          requester,
        );
      },
      result => ({ deploymentId: result.id }),
    );
    res.status(202).json(deployment);
  });

  for (const view of ['cluster', 'database', 'alarms', 'cost'] as const) {
    router.get(`/v1/environments/:name/${view}`, async (req, res) => {
      await authorizeRead(req, req.params.name);
      res.json(await views.getView(req.params.name, view));
    });
  }

  router.get('/v1/environments/:name/entities', async (req, res) => {
    const { name } = req.params;
    const header = await authorizeRead(req, name);
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

  router.get('/v1/environments/:name/deployments', async (req, res) => {
    const { name } = req.params;
    await authorizeRead(req, name);
    const limit = req.query.limit
      ? Number(req.query.limit)
      : DETAIL_DEPLOYMENTS;
    res.json({ items: await registry.listDeployments(name, { limit }) });
  });

  router.post('/v1/environments/:name/deployments', async (req, res) => {
    const { name } = req.params;
    const created = await write(
      req,
      'environment-deploy',
      {
        environment: name,
        mode: req.body?.mode ?? 'create',
        source: req.body?.source ?? null,
        approval: req.body?.approval ?? 'auto',
      },
      requester => {
        rejectUnknownFields(req.body, [
          'spec',
          'source',
          'approval',
          'mode',
          'owner',
          'allowedDeviations',
        ]);
        return deployments.requestDeployment(name, req.body, requester);
      },
      result => ({ deploymentId: result.id }),
    );
    res.status(202).json(created);
  });

  router.get('/v1/environments/:name/deployments/:id', async (req, res) => {
    const { name, id } = req.params;
    await authorizeRead(req, name);
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
      const executed = await write(
        req,
        'deployment-approve',
        { environment: name, deploymentId: id },
        requester => deployments.executeChangeSets(name, id, requester),
        () => ({}),
      );
      res.status(202).json(executed);
    },
  );

  router.post('/v1/estimate', async (req, res) => {
    // Pricing a spec reads no environment: any signed-in caller may.
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
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
