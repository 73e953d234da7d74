import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { BudgetBar } from './BudgetBar';

describe('BudgetBar', () => {
  it('is a meter with the amount against the budget', async () => {
    await renderInTestApp(
      <BudgetBar
        label="Spend"
        amountUsd={215}
        budgetUsd={430}
        verdict="under"
      />,
    );
    const meter = screen.getByRole('meter', { name: 'Spend' });
    expect(meter).toHaveAttribute('aria-valuenow', '215');
    expect(meter).toHaveAttribute('aria-valuemax', '430');
    expect(meter).toHaveAttribute(
      'aria-valuetext',
      '$215 of $430 (50%): within the budget',
    );
    expect(
      screen.getByText('$215 of $430 (50%): within the budget'),
    ).toBeInTheDocument();
  });

  it('caps the fill over budget and keeps the real figures', async () => {
    await renderInTestApp(
      <BudgetBar
        label="Spend"
        amountUsd={600}
        forecastUsd={900}
        budgetUsd={430}
        verdict="over"
        hideCaption
      />,
    );
    const meter = screen.getByRole('meter', { name: 'Spend' });
    expect(meter).toHaveAttribute('aria-valuemax', '600');
    expect(meter).toHaveAttribute(
      'aria-valuetext',
      '$600 of $430 (140%), forecast $900: over the budget',
    );
    const fills = Array.from(meter.children) as HTMLElement[];
    expect(fills.map(fill => fill.style.width)).toEqual(['100%', '100%']);
    expect(screen.queryByText(/of \$430/)).toBeNull();
  });
});
