import { screen, within } from '@testing-library/react';
import { CostCard } from './CostCard';
import { fixtures, renderWithApi } from '../../__testUtils__';

describe('CostCard', () => {
  it('shows month to date and forecast against the budget', async () => {
    renderWithApi(<CostCard environment="innovate-prod" />, {
      getCostView: async () => fixtures.costView,
    });
    expect(
      await screen.findByRole('heading', { name: 'Cost against budget' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('cost-month-to-date')).toHaveTextContent(
      '$251',
    );
    const gauge = screen.getByRole('meter', {
      name: 'Forecast spend as a share of the budget',
    });
    expect(gauge).toHaveAttribute('aria-valuenow', '418.9');
    expect(gauge).toHaveAttribute(
      'aria-valuetext',
      '$419 of $430 (97%), close to the budget',
    );
    const bar = screen.getByRole('meter', {
      name: 'Month-to-date spend against budget',
    });
    expect(bar).toHaveAttribute(
      'aria-valuetext',
      '$251 of $430 (58%), forecast $419: close to the budget',
    );
    expect(screen.getByText('$430 (from the spec)')).toBeInTheDocument();
    expect(screen.getByTestId('cost-verdict')).toHaveTextContent(
      'The forecast is 97% of the budget: close to the budget.',
    );
    expect(screen.getByText('Sandbox')).toBeInTheDocument();
  });

  it('shows spend by service beside the model and the seed’s table, and the daily trend', async () => {
    renderWithApi(<CostCard environment="innovate-prod" />, {
      getCostView: async () => fixtures.costView,
    });
    const byService = await screen.findByRole('table', {
      name: 'Spend by service',
    });
    const rds = within(byService).getByRole('row', {
      name: /Amazon Relational Database Service/,
    });
    const rdsModel = fixtures.seedEstimate.lines
      .filter(line => line.service === 'Amazon Relational Database Service')
      .reduce((sum, line) => sum + line.monthlyUsd, 0);
    expect(
      within(rds)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['$38.40', `$${rdsModel.toFixed(2)}`, '$65.00']);

    const lines = screen.getByRole('table', { name: 'Cost model lines' });
    expect(
      within(lines).getByText(fixtures.seedEstimate.lines[0].label),
    ).toBeInTheDocument();

    const seed = screen.getByRole('table', {
      name: "Against the seed's cost table",
    });
    const nat = within(seed).getByRole('row', { name: /NAT Gateways \(3x\)/ });
    expect(within(nat).getAllByRole('cell')[0]).toHaveTextContent('$100');

    expect(
      screen.getByRole('figure', { name: 'Daily spend and forecast' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Running total with the forecast by/),
    ).toBeInTheDocument();
  });

  it('shows the model’s suggestions when over budget', async () => {
    renderWithApi(<CostCard environment="analytics-eu" />, {
      getCostView: async () => fixtures.costViewOverBudget,
    });
    expect(
      await screen.findByRole('heading', {
        name: 'Suggestions to get back under budget',
      }),
    ).toBeInTheDocument();
    const gauge = screen.getByRole('meter', {
      name: 'Forecast spend as a share of the budget',
    });
    expect(gauge).toHaveAttribute('data-verdict', 'over');
    expect(screen.getByTestId('cost-verdict')).toHaveTextContent(
      'The forecast is 137% of the budget: over the budget.',
    );
    const [largest] = [...fixtures.scaledOutEstimate.suggestions].sort(
      (a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd,
    );
    const items = within(
      screen.getByRole('region', { name: 'Suggestions to save cost' }),
    ).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(largest.description);
  });

  it('shows no suggestions within budget', async () => {
    renderWithApi(<CostCard environment="innovate-prod" />, {
      getCostView: async () => ({
        ...fixtures.costView,
        forecastUsd: 300,
        verdict: 'under' as const,
      }),
    });
    expect(await screen.findByTestId('cost-verdict')).toHaveTextContent(
      'within the budget',
    );
    expect(
      screen.queryByRole('region', { name: 'Suggestions to save cost' }),
    ).toBeNull();
  });

  it('uses month to date when there is no forecast', async () => {
    renderWithApi(<CostCard environment="innovate-prod" />, {
      getCostView: async () => ({ ...fixtures.costView, forecastUsd: null }),
    });
    expect(
      await screen.findByRole('meter', {
        name: 'Month-to-date spend as a share of the budget',
      }),
    ).toHaveAttribute('aria-valuenow', '251.4');
    expect(screen.getByText('Not available')).toBeInTheDocument();
  });

  it('shows only the budget gauge as a summary', async () => {
    renderWithApi(<CostCard environment="innovate-prod" variant="summary" />, {
      getCostView: async () => fixtures.costView,
    });
    expect(await screen.findByTestId('cost-month-to-date')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('shows a stale view from AWS with its reason', async () => {
    renderWithApi(<CostCard environment="dev-legacy" />, {
      getCostView: async () => fixtures.costViewStale,
    });
    expect(
      await screen.findByText(
        /Cost Explorer: ThrottlingException: Rate exceeded/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/hours? ago/, { selector: 'time' }),
    ).toBeInTheDocument();
    expect(screen.getByText('AWS')).toBeInTheDocument();
  });
});
