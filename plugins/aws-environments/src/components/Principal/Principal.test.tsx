import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Principal } from './Principal';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('Principal', () => {
  it('links a group to its catalog page by its name', async () => {
    await renderInTestApp(
      <Principal principal="group:default/platform-team" />,
      { mountedRoutes },
    );
    expect(
      await screen.findByRole('link', { name: 'platform-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform-team');
  });

  it('shows a user without a link inside other controls', async () => {
    await renderInTestApp(
      <Principal principal="user:default/maria.garcia" link={false} />,
    );
    expect(screen.getByText('maria.garcia')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('shows a service principal as text', async () => {
    await renderInTestApp(<Principal principal="service:mcp-actions" />);
    expect(screen.getByText('service mcp-actions')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
