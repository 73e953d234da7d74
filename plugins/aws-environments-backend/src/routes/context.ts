import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  awsEnvironmentReadPermission,
  CostEstimate,
  EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import type express from 'express';
import type { createOpenApiRouter } from '../schema/openapi';
import type { EnvironmentAccess } from '../services/Access/EnvironmentAccess';
import type { SpecValidator } from '../services/Deployments/DefaultDeploymentService';
import type { DeploymentService } from '../services/Deployments/types';
import type {
  EnvironmentHeader,
  EnvironmentRegistry,
} from '../services/EnvironmentRegistry/types';
import type { PreviewService } from '../services/Preview/PreviewService';
import type { ViewService } from '../services/Views/ViewService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  access: EnvironmentAccess;
  registry: EnvironmentRegistry;
  deployments: DeploymentService;
  views: ViewService;
  /** Previews of spec changes (`POST /v1/environments/{name}/preview`). */
  preview: PreviewService;
  validateSpec: SpecValidator;
  estimate: (spec: EnvironmentSpec) => CostEstimate;
  /**
   * Check every response against the OpenAPI document (a mismatch becomes a
   * 500). Outside production, so contract drift fails loudly in tests and
   * development.
   */
  validateResponses?: boolean;
}

/** The router the routes are added to: typed by the OpenAPI document. */
export type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** Deployments listed in an environment's detail, newest first. */
export const DETAIL_DEPLOYMENTS = 50;

/** What every route module gets: the options and the two checks of a request. */
export interface RouteContext extends RouterOptions {
  /**
   * Reads: a signed-in user or a service. 401 without credentials; 403
   * (naming the permission) when the policy denies reading the environment;
   * 404 when there is no such environment.
   */
  authorizeRead(req: express.Request, name: string): Promise<EnvironmentHeader>;
  /**
   * Writes: only a signed-in user, or a service acting on a user's behalf
   * (the scaffolder), judged as that user. A service on its own gets 403.
   * Each write is an audit event with who, what, which environment and the
   * outcome.
   */
  write<T>(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    fn: (requester: ReturnType<EnvironmentAccess['requester']>) => Promise<T>,
    outcome: (result: T) => JsonObject,
  ): Promise<T>;
}

export function createRouteContext(options: RouterOptions): RouteContext {
  const { httpAuth, auditor, access, registry } = options;
  return {
    ...options,
    async authorizeRead(req, name) {
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
    },
    async write(req, eventId, meta, fn, outcome) {
      const event = await auditor.createEvent({
        eventId,
        severityLevel: 'medium',
        request: req,
        meta,
      });
      try {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const result = await fn(access.requester(credentials));
        await event.success({ meta: outcome(result) });
        return result;
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  };
}
