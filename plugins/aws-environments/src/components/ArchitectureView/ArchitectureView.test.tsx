import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toPng } from 'html-to-image';
import type { AwsEnvironmentsApi } from '../../api';
import {
  domainFixtures,
  fixtures,
  renderWithApi,
  responseError,
} from '../../__testUtils__';
import { ArchitectureView } from './ArchitectureView';
import { mockReactFlow } from './testing/mockReactFlow';

jest.mock('html-to-image', () => ({
  toPng: jest.fn(async () => 'data:image/png;base64,AAAA'),
  toSvg: jest.fn(async () => 'data:image/svg+xml;charset=utf-8,<svg/>'),
}));

beforeAll(mockReactFlow);

function seedApi(
  overrides: Partial<AwsEnvironmentsApi> = {},
): Partial<AwsEnvironmentsApi> {
  return {
    getEnvironment: async () => fixtures.environmentDetail,
    getClusterView: async () => fixtures.clusterView,
    getDatabaseView: async () => fixtures.databaseView,
    getAlarmsView: async () => fixtures.alarmsView,
    getCostView: async () => fixtures.costView,
    getDriftView: async () => fixtures.driftViewInSync,
    getDomainView: async () => domainFixtures.domainViewNone,
    ...overrides,
  };
}

/** The seed's line amounts, as the cost model prices them. */
function lineUsd(...ids: string[]): number {
  return fixtures.costView.estimate.lines
    .filter(line => ids.includes(line.id))
    .reduce((sum, line) => sum + line.monthlyUsd, 0);
}

const usd = (amount: number) =>
  `$${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

async function part(id: string) {
  return screen.findByTestId(`architecture-part-${id}`);
}

/** Waits until the views have loaded into the parts. */
async function loaded() {
  await waitFor(async () =>
    expect(await part('eks-cluster')).toHaveTextContent('ACTIVE'),
  );
  await waitFor(async () => expect(await part('alb')).toHaveTextContent('/mo'));
}

describe('ArchitectureView', () => {
  it('draws every part of the seed environment with its status and cost', async () => {
    renderWithApi(<ArchitectureView environment="innovate-prod" />, seedApi());
    await loaded();

    const expected: Array<[string, string, number]> = [
      ['cloudfront', 'deployed', lineUsd('cloudfront') + lineUsd('waf')],
      ['spa', 'deployed', lineUsd('s3')],
      ['alb', 'deployed', lineUsd('load-balancer')],
      ['nat-1', 'deployed', lineUsd('nat-gateways') / 3],
      ['nat-2', 'deployed', lineUsd('nat-gateways') / 3],
      ['nat-3', 'deployed', lineUsd('nat-gateways') / 3],
      ['eks-cluster', 'ACTIVE', lineUsd('eks-control-plane')],
      ['node-group-system', 'ACTIVE', lineUsd('node-group-system')],
      ['node-group-application', 'ACTIVE', lineUsd('node-group-application')],
      ['rds', 'available', lineUsd('rds-instance') + lineUsd('rds-storage')],
      ['ecr', 'deployed', lineUsd('ecr')],
      ['secrets', 'deployed', lineUsd('secrets-manager')],
      ['kms', 'deployed', lineUsd('kms')],
      ['alarms', 'Some without data', lineUsd('cloudwatch', 'budgets-and-sns')],
    ];
    for (const [id, status, cost] of expected) {
      const box = await part(id);
      expect(box).toHaveTextContent(status);
      expect(box).toHaveTextContent('Sandbox');
      expect(cost).toBeGreaterThan(0);
      expect(box).toHaveTextContent(`${usd(cost)}/mo`);
    }
    // The NAT gateways' line is shared by the three of them.
    expect(await part('nat-1')).toHaveTextContent(
      `(1/3 of ${usd(lineUsd('nat-gateways'))})`,
    );
    expect(
      screen.getByRole('group', { name: /^NAT gateway · AZ a: / }),
    ).toHaveAccessibleName(
      expect.stringContaining(
        `a month (1 of 3 sharing ${usd(lineUsd('nat-gateways'))})`,
      ),
    );
    expect(await part('users')).toHaveTextContent('Users');

    // Each part links to its catalog entity and to the tab explaining it.
    const cluster = within(await part('eks-cluster'));
    expect(
      cluster.getByRole('link', { name: 'innovate-prod' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/innovate-prod-eks-cluster',
    );
    expect(cluster.getByRole('link', { name: 'Cluster view' })).toHaveAttribute(
      'href',
      expect.stringMatching(/\/cluster$/),
    );

    // The state is text too: the node's accessible name and the list.
    expect(
      screen.getByRole('group', {
        name: /^RDS PostgreSQL: innovate-prod-postgres, status available, \$/,
      }),
    ).toBeInTheDocument();
    // The subnets per AZ, as the CDK app plans them from the VPC's CIDR.
    expect(
      screen.getByText(
        'Private subnets (VPC 10.0.0.0/16 · 3 AZs): AZ a 10.0.0.0/18, AZ b 10.0.64.0/18, AZ c 10.0.128.0/18',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('rf__node-private')).toHaveTextContent(
      'Private subnets · 3 AZs',
    );
    expect(
      screen.getByText(/^CloudFront \+ WAF → Application Load Balancer: /),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Application Load Balancer → EKS cluster · API pods: SG: ALB → pods :8080',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'EKS cluster · API pods → RDS PostgreSQL: SG: pods → RDS :5432',
      ),
    ).toBeInTheDocument();
  });

  it('turns a part to the error state when an alarm on it fires', async () => {
    renderWithApi(
      <ArchitectureView environment="innovate-prod" />,
      seedApi({ getAlarmsView: async () => fixtures.alarmsViewFiring }),
    );
    await loaded();
    await waitFor(async () =>
      expect(await part('alb')).toHaveAttribute('data-tone', 'error'),
    );
    const alb = await part('alb');
    expect(alb).toHaveTextContent('Alarm');
    expect(
      screen.getByRole('group', {
        name: /^Application Load Balancer: .*status Alarm .*innovate-prod-api-p99-latency is firing/,
      }),
    ).toBe(alb.closest('.react-flow__node'));
    expect(await part('node-group-application')).toHaveAttribute(
      'data-tone',
      'error',
    );
    expect(await part('alarms')).toHaveTextContent('2 firing');
    // The database's alarm is quiet: it stays as it is.
    expect(await part('rds')).toHaveAttribute('data-tone', 'ok');
  });

  it('warns on CloudFront when its certificate expires within 30 days', async () => {
    renderWithApi(
      <ArchitectureView environment="innovate-prod" />,
      seedApi({ getDomainView: async () => domainFixtures.domainViewTrouble }),
    );
    await loaded();
    await waitFor(async () =>
      expect(await part('cloudfront')).toHaveAttribute('data-tone', 'warning'),
    );
    const cloudFront = await part('cloudfront');
    expect(cloudFront).toHaveTextContent('Certificate');
    expect(cloudFront).toHaveAttribute(
      'title',
      expect.stringContaining('Certificate ISSUED, expires in 12 days'),
    );
  });

  it('keeps the drawing standing when the cost view fails', async () => {
    renderWithApi(
      <ArchitectureView environment="innovate-prod" />,
      seedApi({
        getCostView: async () => {
          throw await responseError(503, 'Cost Explorer is unavailable');
        },
      }),
    );
    expect(
      await screen.findByRole('button', {
        name: 'Retry loading the cost view',
      }),
    ).toBeInTheDocument();
    await waitFor(async () =>
      expect(await part('eks-cluster')).toHaveTextContent('ACTIVE'),
    );
    for (const id of ['alb', 'nat-1', 'rds', 'node-group-application']) {
      expect(await part(id)).toHaveTextContent('Cost unavailable');
    }
    expect(await part('rds')).toHaveTextContent('available');
  });

  it('shows a failing status view on its parts as unknown', async () => {
    renderWithApi(
      <ArchitectureView environment="innovate-prod" />,
      seedApi({
        getClusterView: async () => {
          throw await responseError(500, 'EKS DescribeCluster failed');
        },
      }),
    );
    await waitFor(async () =>
      expect(await part('eks-cluster')).toHaveTextContent('Unknown'),
    );
    expect(await part('node-group-system')).toHaveTextContent('Unknown');
    expect(await part('rds')).toHaveTextContent('available');
  });

  it('moves between parts with the arrow keys and exports an image', async () => {
    renderWithApi(<ArchitectureView environment="innovate-prod" />, seedApi());
    await loaded();
    const node = (id: string) =>
      screen.getByTestId(`rf__node-${id}`) as HTMLElement;
    expect(node('rds')).toHaveAccessibleDescription(
      /the arrow keys to the nearest part in that direction/,
    );
    node('cloudfront').focus();
    fireEvent.keyDown(node('cloudfront'), { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-id')).toMatch(
      /^(alb|nat-\d)$/,
    );
    node('users').focus();
    fireEvent.keyDown(node('users'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(node('cloudfront'));
    // Layer boxes are not stops on the way.
    expect(node('vpc')).not.toHaveAttribute('tabindex');

    const saved: string[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push(`${this.download} ${this.href}`);
      });
    await userEvent.click(screen.getByRole('button', { name: 'Export PNG' }));
    await waitFor(() =>
      expect(saved).toEqual([
        'innovate-prod-architecture.png data:image/png;base64,AAAA',
      ]),
    );
    const [element, options] = (toPng as jest.Mock).mock.calls[0];
    expect(element).toHaveClass('react-flow__viewport');
    expect(options.width).toBeGreaterThan(800);
    expect(options.width).toBeLessThanOrEqual(1280 + 32);
  });
});
