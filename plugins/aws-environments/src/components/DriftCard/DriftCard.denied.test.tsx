import { screen } from '@testing-library/react';
import { DriftCard } from './DriftCard';
import { DENY, fixtures, renderWithApi } from '../../__testUtils__';

// A file of its own: usePermission caches decisions (SWR) for the whole
// file, so an earlier test's ALLOW would answer this one.
describe('DriftCard without the update permission', () => {
  it('shows the drift but offers no redeployment', async () => {
    renderWithApi(
      <DriftCard environment="innovate-prod" />,
      { getDriftView: async () => fixtures.driftViewDrifted },
      { permission: DENY },
    );
    expect(
      await screen.findByRole('table', { name: 'Drifted resources' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Redeploy to revert' }),
    ).toBeNull();
  });
});
