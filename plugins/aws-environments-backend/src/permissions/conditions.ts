import { createConditionExports } from '@backstage/plugin-permission-node';
import { awsEnvironmentResourceRef } from './resource';
import { awsEnvironmentRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: awsEnvironmentResourceRef,
  rules: awsEnvironmentRules,
});

/**
 * Conditions over environments for permission policies:
 * `isOwner({ claims })`, `hasSource({ source })`,
 * `isRequester({ userEntityRef })`.
 *
 * @public
 */
export const awsEnvironmentConditions = conditions;

/**
 * Builds a conditional decision for an `aws-environment` permission.
 *
 * @public
 */
export const createAwsEnvironmentConditionalDecision =
  createConditionalDecision;
