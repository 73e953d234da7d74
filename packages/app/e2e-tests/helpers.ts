import { expect, Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Screenshots go to test-results/screenshots (git-ignored). */
export const screenshotDir = join(
  __dirname,
  '..',
  '..',
  '..',
  'test-results',
  'screenshots',
);

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({
    path: join(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

/** Signs in as guest from the sign-in page, if it is shown. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * Records a measured number: printed with a `[measure]` prefix (the test
 * command's log keeps it) and attached to the test's report.
 */
export function measure(what: string, value: string) {
  test
    .info()
    .annotations.push({ type: 'measure', description: `${what}: ${value}` });
  process.stdout.write(`[measure] ${what}: ${value}\n`);
}
