import {
  createExternalRouteRef,
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

/**
 * The scaffolder's page of one template (bound by default to
 * `scaffolder.selectedTemplate`): the "Change" button and the cost
 * suggestions' "Apply" links open the create-environment wizard there,
 * prefilled with the environment's spec in update mode.
 *
 * @public
 */
export const environmentTemplateRouteRef = createExternalRouteRef({
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
