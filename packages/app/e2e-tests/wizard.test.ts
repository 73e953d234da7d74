import { expect, test } from '@playwright/test';
import { measure, screenshot, signInAsGuest } from './helpers';

// The "AWS environment" wizard in the browser: the live cost follows the
// node group size, and the task runs to the end in the sandbox.
const name = `e2e-ui-${Date.now().toString(36)}`;

test('fill the wizard, watch the live cost, create the environment', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);
  await page.goto('/create/templates/default/create-aws-environment');

  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page
    .getByRole('textbox', { name: 'Management account' })
    .fill('111111111111');
  await page
    .getByRole('textbox', { name: 'Workloads account' })
    .fill('333333333333');
  await screenshot(page, 'wizard-1-environment');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('textbox', { name: 'VPC CIDR' })).toHaveValue(
    '10.0.0.0/16',
  );
  await page.getByRole('button', { name: 'Next' }).click();

  const total = page.getByTestId('cost-estimate-total');
  await expect(total).toHaveText(/\$[\d,]+/);
  const before = await total.textContent();
  // The system node group's fields come first, then the application's.
  const desired = page
    .getByRole('spinbutton', { name: 'Desired', exact: true })
    .nth(1);
  await expect(desired).toHaveValue('2');
  await desired.fill('6');
  await expect(total).not.toHaveText(before ?? '');
  const after = await total.textContent();
  const dollars = (text: string | null) =>
    Number((text ?? '').replace(/[^\d.]/g, ''));
  expect(dollars(after)).toBeGreaterThan(dollars(before));
  measure('live cost with 2 → 6 application nodes', `${before} → ${after}`);
  await screenshot(page, 'wizard-3-cluster-live-cost');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(
    page.getByRole('spinbutton', { name: 'Storage (GB, gp3)' }),
  ).toHaveValue('100');
  await page.getByRole('button', { name: 'Next' }).click();

  // The optional domain, left blank: no domain.
  await expect(page.getByRole('textbox', { name: 'Site name' })).toHaveValue(
    '',
  );
  await page.getByRole('button', { name: 'Next' }).click();

  await page
    .getByRole('textbox', { name: 'Alert e-mail' })
    .fill('platform-alerts@innovate.example');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Review' }).click();
  await screenshot(page, 'wizard-6-review');
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('link', { name: /^Environment\b/ })).toBeVisible({
    timeout: 180_000,
  });
  await screenshot(page, 'wizard-7-task-finished');
});
