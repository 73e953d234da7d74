import { screen } from '@testing-library/react';
import { DeploymentsCard } from './DeploymentsCard';
import { DENY, fixtures, renderWithApi } from '../../__testUtils__';

// A file of its own: usePermission caches decisions (SWR) for the whole
// module registry, so an earlier ALLOW would leak into this test.
describe('DeploymentsCard without permission', () => {
  it('hides the execute button and says which permission is needed', async () => {
    renderWithApi(
      <DeploymentsCard environment="innovate-prod" />,
      {
        listDeployments: async () => [fixtures.deploymentAwaitingApproval],
        getDeployment: async () => ({
          ...fixtures.deploymentAwaitingApproval,
          events: [],
        }),
      },
      { permission: DENY },
    );
    expect(
      await screen.findByText(/Executing the change set needs the/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('aws-environments.environment.create'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Execute change set' }),
    ).toBeNull();
  });
});
