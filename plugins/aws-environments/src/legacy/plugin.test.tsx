import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { getComponentData } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
} from '@innovate/plugin-aws-environments-common';
import { Route, Routes } from 'react-router-dom';
import {
  AwsEnvironmentCostEstimateFieldExtension,
  AwsEnvironmentsPage,
  EntityEksClusterCard,
  awsEnvironmentsPlugin,
} from './plugin';
import { awsEnvironmentsApiRef } from '../api';
import { FakeAwsEnvironmentsApi } from '../__testUtils__';

function renderLegacy(element: JSX.Element, path = '/') {
  return renderInTestApp(
    <TestApiProvider
      apis={[[awsEnvironmentsApiRef, new FakeAwsEnvironmentsApi()]]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries: [path],
      // The owners link to their catalog pages.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('awsEnvironmentsPlugin (legacy frontend system)', () => {
  it('is the aws-environments plugin and provides its API', () => {
    expect(awsEnvironmentsPlugin.getId()).toBe('aws-environments');
    expect(
      [...awsEnvironmentsPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual([awsEnvironmentsApiRef.id]);
  });

  it('renders the environments page under its own header', async () => {
    await renderLegacy(
      <Routes>
        <Route path="/aws-environments/*" element={<AwsEnvironmentsPage />} />
      </Routes>,
      '/aws-environments',
    );
    expect(
      await screen.findByRole('heading', {
        name: 'AWS Environments',
        level: 1,
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'innovate-prod' }),
    ).toHaveAttribute('href', '/aws-environments/innovate-prod');
  });

  it('renders an entity card from its component extension', async () => {
    await renderLegacy(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'innovate-prod-eks-cluster',
            annotations: {
              [ANNOTATION_AWS_ENVIRONMENT]: 'innovate-prod',
              [ANNOTATION_AWS_COMPONENT]: 'eks-cluster',
            },
          },
        }}
      >
        <EntityEksClusterCard />
      </EntityProvider>,
    );
    expect(
      await screen.findByRole('heading', { name: 'EKS cluster' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Node groups' }),
    ).toBeInTheDocument();
  });

  it('registers the cost field under its ui:field name', () => {
    expect(
      getComponentData(
        <AwsEnvironmentCostEstimateFieldExtension />,
        'scaffolder.extensions.field.v1',
      ),
    ).toEqual(
      expect.objectContaining({
        name: 'AwsEnvironmentCostEstimate',
        component: expect.any(Function),
        validation: expect.any(Function),
      }),
    );
  });
});
