import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import {
  estimateFromSpec,
  parseEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { costEstimateFieldExtension } from './fieldExtension';
import { wizardInitialState, wizardManifest } from '../../__testUtils__';
import { formatUsd } from '../../format';

/** The model's monthly total for the wizard's spec with `desiredSize` app nodes. */
function expectedTotal(desiredSize: number): string {
  const spec = parseEnvironmentSpec({
    name: 'innovate-dev',
    accounts: { management: '111111111111', workloads: '222222222222' },
    cluster: { applicationNodeGroup: { minSize: 2, desiredSize, maxSize: 20 } },
    budget: { monthlyUsd: 430, alertEmail: 'platform-alerts@innovate.example' },
  });
  return `${formatUsd(estimateFromSpec(spec).totalMonthlyUsd)} a month`;
}

async function renderWizard(onCreate = jest.fn()) {
  await renderInTestApp(
    <Stepper
      manifest={wizardManifest}
      initialState={wizardInitialState}
      extensions={[costEstimateFieldExtension]}
      onCreate={onCreate}
    />,
  );
  await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { name: 'Estimated monthly cost' });
  return onCreate;
}

function desiredSizeInput() {
  return screen.getByRole('spinbutton', { name: 'Desired size' });
}

describe('CostEstimateField', () => {
  it('updates the estimate when a node group size changes', async () => {
    await renderWizard();
    const total = screen.getByTestId('cost-estimate-total');
    expect(total).toHaveTextContent(expectedTotal(2));
    expect(
      screen.getByRole('meter', {
        name: 'Estimated monthly cost against the budget',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Estimate by line' }),
    ).toBeInTheDocument();

    await userEvent.clear(desiredSizeInput());
    await userEvent.type(desiredSizeInput(), '8');

    await waitFor(() =>
      expect(screen.getByTestId('cost-estimate-total')).toHaveTextContent(
        expectedTotal(8),
      ),
    );
    expect(expectedTotal(8)).not.toBe(expectedTotal(2));
    expect(screen.getByTestId('cost-estimate-verdict')).toHaveTextContent(
      'over the budget',
    );
    expect(
      screen.getByRole('heading', {
        name: 'Suggestions to get back under budget',
      }),
    ).toBeInTheDocument();
  });

  it('shows the spec’s field errors while the input is invalid', async () => {
    await renderWizard();
    await userEvent.clear(desiredSizeInput());
    await userEvent.type(desiredSizeInput(), '30');

    const errors = await screen.findByTestId('cost-estimate-errors');
    expect(
      within(errors).getByText(/^cluster\.applicationNodeGroup\.desiredSize: /),
    ).toBeInTheDocument();
    expect(screen.getByTestId('cost-estimate-verdict')).toHaveTextContent(
      'Estimate of the last valid input',
    );
    // "30" was typed as "3" then "30": the last valid input had 3 nodes.
    expect(screen.getByTestId('cost-estimate-total')).toHaveTextContent(
      expectedTotal(3),
    );
  });

  it('rejects an invalid spec on submit, naming the field', async () => {
    const onCreate = await renderWizard();
    await userEvent.clear(
      screen.getByRole('textbox', { name: 'Alert e-mail' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Alert e-mail' }),
      'ops; rm -rf /',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));

    const reported = await screen.findAllByText(/budget\.alertEmail: /);
    expect(reported.length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('passes a valid spec on with the estimate as its value', async () => {
    const onCreate = await renderWizard(jest.fn().mockResolvedValue(undefined));
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'innovate-dev',
        costEstimate: expect.objectContaining({
          valid: true,
          budgetUsd: 430,
          verdict: 'over',
        }),
      }),
    );
  });
});
