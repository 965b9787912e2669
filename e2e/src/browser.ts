import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './stack';

export const screenshotDir = path.join(repoRoot, 'e2e/screenshots');
/** The pictures the docs show, taken by the E2E run so they follow the screens. */
export const docsScreenshotDir = path.join(repoRoot, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install -y chromium fonts-wqy-microhei`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized browser context (390×844 at 2×), placed at `geolocation` with permission when given. */
export function phoneContext(
  browser: Browser,
  geolocation?: { latitude: number; longitude: number },
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    ...(geolocation ? { geolocation: { ...geolocation, accuracy: 10 }, permissions: ['geolocation'] } : {}),
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A picture for the docs: staff alerts that pop up over the page's corner are closed first, and the page
 * is given `settleMs` for what fades (toasts, map tiles).
 */
export async function docsScreenshot(page: Page, name: string, settleMs = 600): Promise<void> {
  fs.mkdirSync(docsScreenshotDir, { recursive: true });
  for (const close of await page.locator('.ant-notification-notice-close').all()) {
    await close.click().catch(() => undefined);
  }
  await page.waitForTimeout(settleMs);
  await page.screenshot({ path: path.join(docsScreenshotDir, `${name}.png`), fullPage: true });
}

/** Fills in and sends the admin panel's sign-in form; what opens next (the panel, 修改密码) is the caller's to wait for. */
export async function signInToAdmin(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}
