import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SEED_COST_TABLE } from '@innovate/plugin-aws-environments-common';
import { SeedComparisonTable } from './SeedComparisonTable';
import { fixtures } from '../../__testUtils__';

describe('SeedComparisonTable', () => {
  it("sets every row of the seed's table against the model", async () => {
    await renderInTestApp(
      <SeedComparisonTable estimate={fixtures.seedEstimate} />,
    );
    const table = screen.getByRole('table', {
      name: "Against the seed's cost table",
    });
    const rows = within(table).getAllByRole('rowheader');
    expect(rows.map(row => row.textContent)).toEqual([
      ...SEED_COST_TABLE.map(row => row.label),
      'Total (all lines)',
    ]);
    const eks = within(table).getByRole('row', { name: /^EKS Control Plane/ });
    const eksModel = fixtures.seedEstimate.lines.find(
      l => l.id === 'eks-control-plane',
    )!;
    expect(within(eks).getAllByRole('cell')[1]).toHaveTextContent(
      `$${eksModel.monthlyUsd.toFixed(2)}`,
    );
    expect(screen.getByText(/The seed's rows add up to/)).toBeInTheDocument();
  });
});
