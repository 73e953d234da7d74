import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { AwsEnvironmentsApi } from '../api';
import { awsEnvironmentsApiRef } from '../api';

type PermissionDecision = Exclude<
  NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize'],
  Function | undefined
>;

/** `AuthorizeResult.ALLOW` / `DENY`, without depending on permission-common. */
export const ALLOW = 'ALLOW' as PermissionDecision;
export const DENY = 'DENY' as PermissionDecision;

/** Where the catalog's entity pages are, for links to owners and users. */
export const CATALOG_ENTITY_PATH = '/catalog/:namespace/:kind/:name';

/** Options of {@link renderWithApi}. */
export interface RenderWithApiOptions {
  /** The permission decision for every request; ALLOW by default. */
  permission?: PermissionDecision;
  /** The signed-in user; `user:default/test` by default. */
  userEntityRef?: string;
  /** Route pattern the element is mounted at, e.g. `/aws-environments/*`. */
  mountPath?: string;
  initialRouteEntries?: string[];
}

/**
 * Renders an element in a test app whose aws-environments API is `api`
 * (only the methods a test needs), whose permission API answers
 * `options.permission`, whose user is `options.userEntityRef`, and whose
 * catalog entity pages are at {@link CATALOG_ENTITY_PATH}.
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
      mockApis.identity({
        userEntityRef: options.userEntityRef ?? 'user:default/test',
      }),
    ] as const,
    mountPath: options.mountPath,
    mountedRoutes: { [CATALOG_ENTITY_PATH]: entityRouteRef },
    initialRouteEntries: options.initialRouteEntries,
  });
}
