import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { join } from 'node:path';
import { signInAsGuest } from './helpers';

// The Architecture tab of the seed environment in the sandbox: the seed's
// diagram with live status and cost, usable by keyboard and screen reader,
// within 1280 px; its screenshot is the README's (docs/architecture.png).

const README_SCREENSHOT = join(
  __dirname,
  '..',
  '..',
  '..',
  'docs',
  'architecture.png',
);

const PARTS = [
  'users',
  'cloudfront',
  'spa',
  'alb',
  'nat-1',
  'nat-2',
  'nat-3',
  'eks-cluster',
  'node-group-system',
  'node-group-application',
  'rds',
  'ecr',
  'secrets',
  'kms',
  'alarms',
];

async function expectNoSeriousA11yViolations(
  page: Page,
  what: string,
  include?: string,
) {
  const axe = new AxeBuilder({ page });
  const results = await (include ? axe.include(include) : axe).analyze();
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

test.use({ viewport: { width: 1280, height: 1000 } });

test('the seed environment is drawn as the seed diagram, live', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/aws-environments/innovate-prod');
  await page.getByRole('tab', { name: 'Architecture' }).click();
  await expect(page.getByRole('tab', { name: 'Architecture' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const drawing = page.getByRole('group', {
    name: 'Architecture of innovate-prod',
  });
  await expect(drawing).toBeVisible();
  for (const id of PARTS) {
    await expect(page.getByTestId(`architecture-part-${id}`)).toBeVisible();
  }
  // Live status and cost on the parts, sandbox data said as such.
  const cluster = page.getByTestId('architecture-part-eks-cluster');
  await expect(cluster).toContainText('ACTIVE');
  await expect(cluster).toContainText('Sandbox');
  await expect(page.getByTestId('architecture-part-rds')).toContainText(
    'available',
  );
  await expect(page.getByTestId('architecture-part-nat-1')).toContainText(
    '(1/3 of $102.60)',
  );
  await page.waitForLoadState('networkidle');

  // Fits 1280 px: nothing scrolls sideways.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await drawing.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(1280);

  // Keyboard: the parts take the focus, the arrow keys move between them.
  await page.getByTestId('rf__node-users').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('rf__node-cloudfront')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(
    page.locator(
      '.react-flow__node:focus[data-id^="nat-"], .react-flow__node:focus[data-id="alb"]',
    ),
  ).toHaveCount(1);

  await page.screenshot({ path: README_SCREENSHOT, fullPage: true });
  await expectNoSeriousA11yViolations(page, 'Architecture tab');

  // The drawing exports for a design review.
  for (const format of ['SVG', 'PNG']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Export ${format}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `innovate-prod-architecture.${format.toLowerCase()}`,
    );
  }
});

test('the environment entity shows the architecture card', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/resource/innovate-prod');
  await expect(
    page.getByRole('heading', { name: 'Architecture', level: 2 }),
  ).toBeVisible();
  await expect(page.getByTestId('architecture-part-rds')).toBeVisible();
  // The card only: the rest of the page is other views'.
  await expectNoSeriousA11yViolations(
    page,
    'architecture card',
    '[data-testid="architecture-card"]',
  );
});
