import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/**
 * The environments page (`/aws-environments` by default).
 *
 * @public
 */
export const rootRouteRef = createRouteRef();

/**
 * One environment with its tabs, under the environments page.
 *
 * @public
 */
export const environmentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:name',
});
