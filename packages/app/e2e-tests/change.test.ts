import { expect, test } from '@playwright/test';
import { createSandboxEnvironment } from './api';
import { measure, screenshot, signInAsGuest } from './helpers';

// Day 2 in the browser: change an environment's application node group from
// 2 to 4 nodes through "Change", read the priced preview (modify rows only,
// +$121 a month on the node group's line), deploy it, and find the field-by-field diff on the
// Deployments tab.
const name = `e2e-change-${Date.now().toString(36)}`;

test('change the node group from the environment page, with a priced preview and the spec diff', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);
  await createSandboxEnvironment(request, {
    name,
    accounts: { management: '111111111111', workloads: '333333333333' },
    budget: {
      monthlyUsd: 430,
      alertEmail: 'platform-alerts@innovate.example',
    },
  });

  await signInAsGuest(page);
  await page.goto(`/aws-environments/${name}`);
  await page.getByRole('link', { name: `Change environment ${name}` }).click();

  // The wizard, prefilled with the environment's spec in update mode.
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  const desired = page
    .getByRole('spinbutton', { name: 'Desired', exact: true })
    .nth(1);
  await expect(desired).toHaveValue('2');
  await desired.fill('4');
  // Database, domain, observability and budget, then the last page.
  for (let step = 0; step < 4; step++) {
    await page.getByRole('button', { name: 'Next' }).click();
  }

  const started = Date.now();
  const preview = page.getByTestId('change-preview');
  // The nodes' own line is +$121; their root volumes and per-node metrics
  // add to the total.
  await expect(page.getByTestId('change-preview-delta')).toHaveText(
    /^\+\$1[2-4]\d a month$/,
    { timeout: 120_000 },
  );
  measure(
    'change preview (two real syntheses) after the last input',
    `${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const resources = preview.getByRole('table', { name: 'Resource changes' });
  await expect(
    resources.getByRole('row').filter({ hasText: 'AWS::EKS::Nodegroup' }),
  ).toContainText('modify');
  await expect(resources.getByText(/^(replace|remove|add)/)).toHaveCount(0);
  await expect(
    preview
      .getByRole('table', { name: 'Cost by line (USD a month)' })
      .getByRole('row', {
        name: /EKS application node group \(4 × t3\.large\)/,
      }),
  ).toContainText('+$121');
  await screenshot(page, 'change-1-preview');

  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('link', { name: /^Environment\b/ })).toBeVisible({
    timeout: 240_000,
  });

  await page.goto(`/aws-environments/${name}/deployments`);
  // The newest deployment comes first; open it.
  await page
    .getByRole('button', { name: /^Deploy .* succeeded/ })
    .first()
    .click();
  const changed = page.getByRole('table', { name: 'Changed fields' });
  await expect(
    changed.getByRole('row', {
      name: /cluster\.applicationNodeGroup\.desiredSize/,
    }),
  ).toContainText(/2\s*4/);
  await expect(changed.getByRole('row')).toHaveCount(2);
  await screenshot(page, 'change-2-deployment-diff');
});
