import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { measure, screenshot, signInAsGuest } from './helpers';

// The frontend plugin in the sandbox: the environments page and every tab of
// the seed environment, each scanned for accessibility.
const TABS = [
  'Overview',
  'Cluster',
  'Database',
  'Alarms',
  'Cost',
  'Deployments',
];

async function expectNoSeriousA11yViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(v =>
    ['serious', 'critical'].includes(v.impact ?? ''),
  );
  expect(
    serious.map(
      v =>
        `${what}: ${v.id} (${v.impact}): ${v.help} - ${v.nodes
          .map(n => n.target.join(' '))
          .join(', ')}`,
    ),
  ).toEqual([]);
}

test('the environments page lists the seed environment as sandbox data', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: /AWS Environments/ })
    .click();
  await expect(
    page.getByRole('heading', { name: 'AWS Environments', level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'innovate-prod' })).toBeVisible();
  await expect(page.getByTestId('source-badge-sandbox').first()).toBeVisible();
  await expect(
    page.getByRole('meter', {
      name: 'Month-to-date spend of innovate-prod against budget',
    }),
  ).toBeVisible();
  await screenshot(page, 'environments');
  await expectNoSeriousA11yViolations(page, 'environments page');
});

test('every tab of the seed environment renders its view', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/aws-environments/innovate-prod');
  await expect(
    page.getByRole('heading', { name: 'innovate-prod', level: 2 }),
  ).toBeVisible();
  for (const tab of TABS) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // Every view says where its data came from.
    await expect(
      page.getByTestId('source-badge-sandbox').first(),
    ).toBeVisible();
    await page.waitForLoadState('networkidle');
    await screenshot(page, `environment-${tab.toLowerCase()}`);
    await expectNoSeriousA11yViolations(page, `${tab} tab`);
  }
});

test('time from navigation to the first cost figure', async ({ page }) => {
  await signInAsGuest(page);
  const started = Date.now();
  await page.goto('/aws-environments/innovate-prod/cost');
  await expect(page.getByTestId('cost-month-to-date')).toHaveText(/\$\d/);
  const ms = Date.now() - started;
  measure('navigation to the first cost figure', `${ms} ms`);
});

test('the parts of an environment show their own views in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/resource/innovate-prod-eks-cluster');
  await expect(
    page.getByRole('heading', { name: 'EKS cluster' }),
  ).toBeVisible();
  await expect(page.getByTestId('source-badge-sandbox').first()).toBeVisible();
  await screenshot(page, 'entity-eks-cluster');

  await page.goto('/catalog/default/resource/innovate-prod-rds');
  await expect(
    page.getByRole('heading', { name: 'RDS database' }),
  ).toBeVisible();
  await screenshot(page, 'entity-rds');

  await page.goto('/catalog/default/resource/innovate-prod');
  await page.getByText('AWS Environment', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Cost' })).toBeVisible();
  await screenshot(page, 'entity-environment');
});
