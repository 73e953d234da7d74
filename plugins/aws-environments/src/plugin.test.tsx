import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
} from '@innovate/plugin-aws-environments-common';
import {
  alarmsEntityCard,
  awsEnvironmentEntityContent,
  awsEnvironmentsPage,
  awsEnvironmentsPlugin,
  costEntityCard,
  domainEntityCard,
  costEstimateFormField,
  eksClusterEntityCard,
  rdsDatabaseEntityCard,
} from './plugin';
import { awsEnvironmentsApiRef } from './api';
import { FakeAwsEnvironmentsApi } from './__testUtils__';

function part(component: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: component,
      annotations: {
        [ANNOTATION_AWS_ENVIRONMENT]: 'innovate-prod',
        [ANNOTATION_AWS_COMPONENT]: component,
      },
    },
  };
}

describe('awsEnvironmentsPlugin (new frontend system)', () => {
  it('is the aws-environments plugin with its routes', () => {
    expect(awsEnvironmentsPlugin.id).toBe('aws-environments');
    expect(Object.keys(awsEnvironmentsPlugin.routes)).toEqual([
      'root',
      'environment',
    ]);
  });

  it('mounts the environments page at /aws-environments', async () => {
    renderTestApp({
      features: [awsEnvironmentsPlugin],
      apis: [[awsEnvironmentsApiRef, new FakeAwsEnvironmentsApi()]],
      initialRouteEntries: ['/aws-environments'],
      // The owners link to their catalog pages.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('link', { name: 'innovate-prod' }),
    ).toHaveAttribute('href', '/aws-environments/innovate-prod');
    // The page's header gives the title; the list is a card beneath it.
    expect(
      screen.getByRole('heading', { name: 'AWS Environments', level: 1 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Environments', level: 2 }),
    ).toBeInTheDocument();
  });

  it('gives the page the sidebar title and icon', () => {
    const tester = createExtensionTester(awsEnvironmentsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/aws-environments');
    expect(tester.get(coreExtensionData.title)).toBe('AWS Environments');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('shows the environment content only on environment entities', () => {
    const filter = createExtensionTester(awsEnvironmentEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(part('environment'))).toBe(true);
    expect(filter?.(part('eks-cluster'))).toBe(false);
  });

  it.each([
    ['eks-cluster', eksClusterEntityCard, ['eks-cluster', 'eks-nodegroup']],
    ['rds-database', rdsDatabaseEntityCard, ['rds-instance']],
    ['alarms', alarmsEntityCard, ['cloudwatch-alarm']],
    ['cost', costEntityCard, ['budget']],
    ['domain', domainEntityCard, ['route53-record', 'acm-certificate']],
  ])('shows the %s card on its own parts only', (_name, card, components) => {
    const filter = createExtensionTester(
      card as typeof eksClusterEntityCard,
    ).get(EntityCardBlueprint.dataRefs.filterFunction);
    for (const component of [
      'environment',
      'eks-cluster',
      'eks-nodegroup',
      'rds-instance',
      'cloudwatch-alarm',
      'budget',
      'route53-record',
      'acm-certificate',
      'vpc',
    ]) {
      expect(filter?.(part(component))).toBe(components.includes(component));
    }
  });

  it('provides the cost estimate form field', async () => {
    const loader = createExtensionTester(costEstimateFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    await expect(loader()).resolves.toEqual(
      expect.objectContaining({ $$type: '@backstage/scaffolder/FormField' }),
    );
  });
});
