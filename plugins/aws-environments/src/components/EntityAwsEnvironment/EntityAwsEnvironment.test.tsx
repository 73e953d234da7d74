import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
} from '@innovate/plugin-aws-environments-common';
import {
  EntityAwsAlarmsCard,
  EntityAwsCostCard,
  EntityAwsDomainCard,
  EntityAwsEnvironmentContent,
  EntityEksClusterCard,
  EntityRdsDatabaseCard,
} from './EntityAwsEnvironment';
import { FakeAwsEnvironmentsApi, renderWithApi } from '../../__testUtils__';

function entity(
  component: string,
  options: { environment?: string; arn?: string; title?: string } = {},
): Entity {
  const environment = options.environment ?? 'innovate-prod';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `innovate-prod-${component}`,
      title: options.title,
      annotations: {
        [ANNOTATION_AWS_COMPONENT]: component,
        ...(environment ? { [ANNOTATION_AWS_ENVIRONMENT]: environment } : {}),
        ...(options.arn ? { [ANNOTATION_AWS_ARN]: options.arn } : {}),
      },
    },
    spec: { type: 'aws' },
  };
}

function renderFor(
  subject: Entity,
  element: JSX.Element,
  path = '/catalog/default/resource/innovate-prod',
) {
  return renderWithApi(
    <EntityProvider entity={subject}>{element}</EntityProvider>,
    new FakeAwsEnvironmentsApi(),
    {
      mountPath: '/catalog/default/resource/innovate-prod/*',
      initialRouteEntries: [path],
    },
  );
}

describe('entity extensions', () => {
  it('shows the environment with its tabs on the environment entity', async () => {
    renderFor(
      entity('environment'),
      <EntityAwsEnvironmentContent />,
      '/catalog/default/resource/innovate-prod/cluster',
    );
    expect(
      await screen.findByRole('heading', { name: 'innovate-prod', level: 2 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Cluster' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Cost' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/innovate-prod/cost',
    );
    expect(
      await screen.findByRole('table', { name: 'Node groups' }),
    ).toBeInTheDocument();
  });

  it('asks for the environment annotation when it is missing', async () => {
    renderFor(
      entity('environment', { environment: '' }),
      <EntityAwsEnvironmentContent />,
    );
    expect(
      await screen.findByText(ANNOTATION_AWS_ENVIRONMENT, { exact: false }),
    ).toBeInTheDocument();
  });

  it('shows the cluster on a node group entity, marking its node group', async () => {
    renderFor(
      entity('eks-nodegroup', {
        arn: 'arn:aws:eks:us-east-1:222222222222:nodegroup/innovate-prod/application/4ec1',
      }),
      <EntityEksClusterCard />,
    );
    const table = await screen.findByRole('table', { name: 'Node groups' });
    const application = within(table).getByRole('row', {
      name: /^application/,
    });
    expect(application).toHaveAttribute('aria-current', 'true');
    // Said in words too, not only by the row's background.
    expect(
      within(application).getByText('(this node group)'),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('row', { name: /^system/ }),
    ).not.toHaveAttribute('aria-current');
  });

  it('shows the database on the RDS entity', async () => {
    renderFor(entity('rds-instance'), <EntityRdsDatabaseCard />);
    expect(
      await screen.findByRole('heading', { name: 'RDS database' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('db.t3.medium')).toBeInTheDocument();
  });

  it('shows its own alarm on an alarm entity', async () => {
    renderFor(
      entity('cloudwatch-alarm', { title: 'innovate-prod-db-cpu' }),
      <EntityAwsAlarmsCard />,
    );
    expect(
      await screen.findByText('None of 1 alarm firing'),
    ).toBeInTheDocument();
  });

  it('shows the budget gauge on the budget entity', async () => {
    renderFor(entity('budget'), <EntityAwsCostCard />);
    expect(await screen.findByTestId('cost-month-to-date')).toHaveTextContent(
      '$251',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the domain card on a certificate entity', async () => {
    renderFor(
      entity('acm-certificate', { environment: 'analytics-eu' }),
      <EntityAwsDomainCard />,
    );
    expect(
      await screen.findByRole('heading', { name: 'Domain and certificates' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Certificates' }),
    ).toBeInTheDocument();
  });
});
