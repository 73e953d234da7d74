import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { DailySpendChart } from './DailySpendChart';
import { dailySeries } from './dailySeries';

const daily = [
  { date: '2025-06-02', amountUsd: 10, forecast: false },
  { date: '2025-06-01', amountUsd: 12.5, forecast: false },
  { date: '2025-06-03', amountUsd: 11, forecast: true },
];

describe('DailySpendChart', () => {
  it('splits actual from forecast days with a running total', () => {
    expect(dailySeries(daily)).toEqual([
      {
        date: '2025-06-01',
        actualUsd: 12.5,
        forecastUsd: null,
        cumulativeUsd: 12.5,
      },
      {
        date: '2025-06-02',
        actualUsd: 10,
        forecastUsd: null,
        cumulativeUsd: 22.5,
      },
      {
        date: '2025-06-03',
        actualUsd: null,
        forecastUsd: 11,
        cumulativeUsd: 33.5,
      },
    ]);
  });

  it('describes the trend in words beside the chart', async () => {
    await renderInTestApp(<DailySpendChart daily={daily} budgetUsd={430} />);
    expect(
      screen.getByRole('figure', { name: 'Daily spend and forecast' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Spend to Jun 2: $23. Running total with the forecast by Jun 3: $34, against a budget of $430.',
      ),
    ).toBeInTheDocument();
  });

  it('says when there is no spend yet', async () => {
    await renderInTestApp(<DailySpendChart daily={[]} budgetUsd={430} />);
    expect(
      screen.getByText('No daily spend recorded yet.'),
    ).toBeInTheDocument();
  });

  it('does not call forecast days spend on the first day of a month', async () => {
    await renderInTestApp(
      <DailySpendChart
        daily={[{ date: '2025-06-01', amountUsd: 14, forecast: true }]}
        budgetUsd={430}
      />,
    );
    expect(
      screen.getByText(
        'No spend recorded yet this month. Running total with the forecast by Jun 1: $14, against a budget of $430.',
      ),
    ).toBeInTheDocument();
  });
});
