import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';

test('guest sign-in leads to the home page', async ({ page }) => {
  await signInAsGuest(page);
  await expect(page).toHaveTitle(/Innovate Portal/);
  await expect(
    page.getByRole('heading', { name: /Innovate Portal/ }).first(),
  ).toBeVisible();
  await screenshot(page, 'home');
});

test('the catalog lists the portal itself', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog?filters[kind]=component&filters[user]=all');
  await expect(
    page.getByRole('link', { name: 'Innovate Portal' }).first(),
  ).toBeVisible();
  await screenshot(page, 'catalog');
});
