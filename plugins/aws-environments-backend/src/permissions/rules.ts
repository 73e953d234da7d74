import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { awsEnvironmentResourceRef } from './resource';

/**
 * The environment's owner is one of the claims (entity refs). A policy
 * passes the user's ownership refs, or only their groups.
 */
export const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow when the environment is owned by one of the claims',
  resourceRef: awsEnvironmentResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs; the environment owner must be one of them'),
  }),
  apply: (resource, { claims }) =>
    resource.owner !== null && claims.includes(resource.owner),
  toQuery: ({ claims }) => ({ property: 'owner', values: claims }),
});

/** The environment lives in the given source (`sandbox` or `aws`). */
export const hasSource = createPermissionRule({
  name: 'HAS_SOURCE',
  description: 'Allow when the environment lives in the given source',
  resourceRef: awsEnvironmentResourceRef,
  paramsSchema: z.object({
    source: z
      .enum(['sandbox', 'aws'])
      .describe('sandbox (no AWS) or aws (real AWS)'),
  }),
  apply: (resource, { source }) => resource.source === source,
  toQuery: ({ source }) => ({ property: 'source', values: [source] }),
});

/**
 * The deployment being judged was requested by this user. Policies use it
 * negated for four-eyes approval.
 */
export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description:
    'Allow when the deployment being judged was requested by the given user',
  resourceRef: awsEnvironmentResourceRef,
  paramsSchema: z.object({
    userEntityRef: z.string().describe('The user entity ref to compare with'),
  }),
  apply: (resource, { userEntityRef }) =>
    resource.requestedBy === userEntityRef,
  toQuery: ({ userEntityRef }) => ({
    property: 'requestedBy',
    values: [userEntityRef],
  }),
});

/**
 * Every rule of the `aws-environment` resource type.
 *
 * @public
 */
export const awsEnvironmentRules = { isOwner, hasSource, isRequester };
