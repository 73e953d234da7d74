import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { AwsEnvironmentsApi } from '../api';
import { awsEnvironmentsApiRef } from '../api';

type PermissionDecision = Exclude<
  NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize'],
  Function | undefined
>;

/** `AuthorizeResult.ALLOW` / `DENY`, without depending on permission-common. */
export const ALLOW = 'ALLOW' as PermissionDecision;
export const DENY = 'DENY' as PermissionDecision;

/** Options of {@link renderWithApi}. */
export interface RenderWithApiOptions {
  /** The permission decision for every request; ALLOW by default. */
  permission?: PermissionDecision;
  /** Route pattern the element is mounted at, e.g. `/aws-environments/*`. */
  mountPath?: string;
  initialRouteEntries?: string[];
}

/**
 * Renders an element in a test app whose aws-environments API is `api`
 * (only the methods a test needs) and whose permission API answers
 * `options.permission`.
 */
export function renderWithApi(
  element: JSX.Element,
  api: Partial<AwsEnvironmentsApi>,
  options: RenderWithApiOptions = {},
) {
  return renderInTestApp(element, {
    apis: [
      [awsEnvironmentsApiRef, api],
      mockApis.permission({ authorize: options.permission ?? ALLOW }),
    ] as const,
    mountPath: options.mountPath,
    initialRouteEntries: options.initialRouteEntries,
  });
}
