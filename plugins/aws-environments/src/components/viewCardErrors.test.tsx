import { screen } from '@testing-library/react';
import type { ResponseError } from '@backstage/errors';
import type { AwsEnvironmentsApi } from '../api';
import { fixtures, renderWithApi, responseError } from '../__testUtils__';
import { clickRetry, failingOnce } from '../__testUtils__/retry';
import { AlarmsCard } from './AlarmsCard';
import { ClusterCard } from './ClusterCard';
import { CostCard } from './CostCard';
import { DatabaseCard } from './DatabaseCard';

interface ViewCardCase {
  card: string;
  element: JSX.Element;
  /** The API method behind the card's view. */
  method: keyof AwsEnvironmentsApi;
  error: () => Promise<ResponseError>;
  value: unknown;
  /** What the card shows while the view fails: the backend's message first. */
  shown: string[];
  /** The view's name on its retry button. */
  what: string;
  /** Something only the loaded view shows. */
  loaded: () => Promise<HTMLElement>;
}

// Each view card shows the backend's message while its view fails, and the
// view after its retry button is clicked.
const cases: ViewCardCase[] = [
  {
    card: 'AlarmsCard',
    element: <AlarmsCard environment="innovate-prod" />,
    method: 'getAlarmsView',
    error: () => responseError(502, 'CloudWatch DescribeAlarms timed out'),
    value: fixtures.alarmsView,
    shown: ['CloudWatch DescribeAlarms timed out'],
    what: 'the alarms view',
    loaded: () => screen.findByText('None of 5 alarms firing'),
  },
  {
    card: 'ClusterCard',
    element: <ClusterCard environment="innovate-prod" />,
    method: 'getClusterView',
    error: () => responseError(503, 'EKS DescribeCluster failed: AccessDenied'),
    value: fixtures.clusterView,
    shown: [
      'EKS DescribeCluster failed: AccessDenied',
      'Could not load the cluster view (HTTP 503)',
    ],
    what: 'the cluster view',
    loaded: () => screen.findByText('1.33 (target 1.33)'),
  },
  {
    card: 'CostCard',
    element: <CostCard environment="innovate-prod" />,
    method: 'getCostView',
    error: () =>
      responseError(403, 'You may not read the cost of innovate-prod', {
        name: 'NotAllowedError',
      }),
    value: fixtures.costView,
    shown: [
      'You may not read the cost of innovate-prod',
      'Could not load the cost view (HTTP 403)',
    ],
    what: 'the cost view',
    loaded: () => screen.findByTestId('cost-month-to-date'),
  },
  {
    card: 'DatabaseCard',
    element: <DatabaseCard environment="innovate-prod" />,
    method: 'getDatabaseView',
    error: () => responseError(404, 'No database in environment innovate-prod'),
    value: fixtures.databaseView,
    shown: ['No database in environment innovate-prod'],
    what: 'the database view',
    loaded: () => screen.findByText('db.t3.medium'),
  },
];

describe.each(cases)('$card', c => {
  it("shows the backend's message and retries", async () => {
    const view = await failingOnce(c.error(), c.value);
    renderWithApi(c.element, { [c.method]: view });
    const [message, ...alsoShown] = c.shown;
    expect(await screen.findByText(message)).toBeInTheDocument();
    for (const text of alsoShown) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    await clickRetry(c.what);
    expect(await c.loaded()).toBeInTheDocument();
    expect(view).toHaveBeenCalledTimes(2);
  });
});
