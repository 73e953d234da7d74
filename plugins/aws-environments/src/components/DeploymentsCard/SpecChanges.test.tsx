import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Deployment } from '@innovate/plugin-aws-environments-common';
import { DeploymentsCard } from './DeploymentsCard';
import { fixtures, renderWithApi } from '../../__testUtils__';

const succeeded = fixtures.deploymentSucceeded;

/** Renders the card with one deployment whose detail is `detail`, and opens it. */
async function openDeployment(detail: Partial<Deployment>) {
  const getDeployment = jest
    .fn()
    .mockResolvedValue({ ...fixtures.deploymentWithEvents, ...detail });
  renderWithApi(<DeploymentsCard environment="innovate-prod" />, {
    listDeployments: async () => [
      { ...succeeded, action: detail.action ?? 'deploy' },
    ],
    getDeployment,
  });
  await userEvent.click(
    await screen.findByRole('button', { name: /dep-0001 succeeded/ }),
  );
  await screen.findByRole('table', { name: 'Events of dep-0001' });
  return {
    getDeployment,
    details: screen.getByRole('region', { name: /dep-0001/ }),
  };
}

/** The text of each cell, row by row (the header row first). */
function rowsOf(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(row.querySelectorAll('th, td')).map(cell => cell.textContent),
    );
}

describe('DeploymentsCard: changes to the spec', () => {
  it('shows each changed field with its value before and after, from one request', async () => {
    const { getDeployment, details } = await openDeployment({
      previousDeploymentId: 'dep-0000',
      acceptDataLoss: ['Database', 'DatabaseSecret'],
      specChanges: [
        {
          field: 'cluster.applicationNodeGroup.desiredSize',
          before: 2,
          after: 3,
        },
        { field: 'database.multiAz', before: false, after: true },
        { field: 'domain.name', after: 'app.example.com' },
        { field: 'alarms.nodeCpuPercent', before: 80 },
      ],
    });

    expect(
      within(details).getByRole('heading', { name: 'Changes to the spec' }),
    ).toBeInTheDocument();
    expect(details).toHaveTextContent(
      'Compared with deployment dep-0000, the last one that succeeded before this one.',
    );
    expect(
      rowsOf(within(details).getByRole('table', { name: 'Changed fields' })),
    ).toEqual([
      ['Field', 'Before', 'After'],
      ['cluster.applicationNodeGroup.desiredSize', '2', '3'],
      ['database.multiAz', 'false', 'true'],
      ['domain.name', 'not set (added)', 'app.example.com'],
      ['alarms.nodeCpuPercent', '80', 'not set (removed)'],
    ]);
    expect(within(details).getByText(/Accepted data loss/)).toHaveTextContent(
      'Accepted data loss: the request allowed replacing or removing Database, DatabaseSecret, and losing the data they hold.',
    );
    // The changes and the events come from the same request.
    expect(getDeployment).toHaveBeenCalledTimes(1);
  });

  it('says when a deployment did not change the spec', async () => {
    const { details } = await openDeployment({
      previousDeploymentId: 'dep-0000',
      acceptDataLoss: [],
      specChanges: [],
    });
    expect(
      within(details).getByText('No changes to the spec.'),
    ).toBeInTheDocument();
    expect(
      within(details).queryByRole('table', { name: 'Changed fields' }),
    ).toBeNull();
    expect(within(details).queryByText(/Accepted data loss/)).toBeNull();
  });

  it('summarises the whole spec of a first deployment, by section, collapsed', async () => {
    const { details } = await openDeployment({
      specChanges: [
        { field: 'name', after: 'innovate-prod' },
        { field: 'region', after: 'us-east-1' },
        { field: 'network.vpcCidr', after: '10.0.0.0/16' },
        { field: 'network.azCount', after: 3 },
        { field: 'cluster.systemNodeGroup.instanceType', after: 't3.medium' },
      ],
    });
    expect(details).toHaveTextContent(
      'First deployment: the whole spec (5 fields in 4 sections).',
    );
    expect(
      within(details).queryByRole('table', { name: 'Changed fields' }),
    ).toBeNull();
    const whole = within(details).getByRole('table', {
      name: 'The whole spec',
    });
    expect(whole).not.toBeVisible();
    await userEvent.click(within(details).getByText('Show the whole spec'));
    expect(whole).toBeVisible();
    expect(rowsOf(whole)).toEqual([
      ['Section', 'Fields'],
      ['name', 'name = innovate-prod'],
      ['region', 'region = us-east-1'],
      ['network', 'vpcCidr = 10.0.0.0/16; azCount = 3'],
      ['cluster', 'systemNodeGroup.instanceType = t3.medium'],
    ]);
  });

  it('says that a destroy applies no spec', async () => {
    const { details } = await openDeployment({
      action: 'destroy',
      previousDeploymentId: 'dep-0000',
    });
    expect(details).toHaveTextContent(
      'A destroy applies no spec: it removes what deployment dep-0000 deployed.',
    );
    expect(
      within(details).queryByRole('table', { name: 'Changed fields' }),
    ).toBeNull();
  });

  it('shows no spec section for a deployment recorded without its history', async () => {
    const { details } = await openDeployment({});
    expect(
      within(details).queryByRole('heading', { name: 'Changes to the spec' }),
    ).toBeNull();
  });
});
