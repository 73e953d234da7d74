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
      { permission: DENY, userEntityRef: 'user:default/priya.patel' },
    );
    expect(
      await screen.findByText(/Executing the change set needs the/),
    ).toHaveTextContent(
      'Executing the change set needs the aws-environment.approve permission on innovate-prod: a member of its owner group, or an approver, other than the requester.',
    );
    expect(screen.getByText('aws-environment.approve')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Execute change set' }),
    ).toBeNull();
  });
});
