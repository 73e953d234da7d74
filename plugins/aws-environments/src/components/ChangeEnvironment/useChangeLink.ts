import { useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  awsEnvironmentUpdatePermission,
  type SpecFieldValue,
} from '@innovate/plugin-aws-environments-common';
import { environmentTemplateRouteRef } from '../../routes';
import {
  type ChangeContext,
  DEFAULT_TEMPLATE_PATH,
  ENVIRONMENT_TEMPLATE,
  changeUrl,
} from './changeLink';

/**
 * A function giving the URL of the wizard prefilled to change `environment`
 * (with `changes` applied to its current spec, `detail`), or undefined
 * while the detail is not there or when the user may not update the
 * environment.
 */
export function useChangeLink(
  environment: string,
  detail: ChangeContext | undefined,
): ((changes?: SpecFieldValue[]) => string) | undefined {
  const template = useRouteRef(environmentTemplateRouteRef);
  const permission = usePermission({
    permission: awsEnvironmentUpdatePermission,
    resourceRef: environment,
  });
  if (!detail || permission.loading || !permission.allowed) {
    return undefined;
  }
  const templatePath = template
    ? template(ENVIRONMENT_TEMPLATE)
    : DEFAULT_TEMPLATE_PATH;
  return changes =>
    changeUrl(
      templatePath,
      { spec: detail.spec, source: detail.source },
      changes,
    );
}
