import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

// 广州塔南广场, inside 赤岗街道; the officer waits 40 m north of it.
const site = { latitude: 23.1066, longitude: 113.3245 };
const officerSpot = { latitude: 23.10696, longitude: 113.3245 };

const suite = useStackAndBrowser();

async function phone(geolocation: { latitude: number; longitude: number }): Promise<Page> {
  const context = await suite.phoneContext(geolocation);
  return context.newPage();
}

describe('随手拍 end to end', () => {
  it('a resident reports in H5, an officer accepts, checks in and resolves, the resident rates it', async () => {
    // The officer goes on duty in the mobile web view and shares a position near the site.
    const officer = await phone(officerSpot);
    await signInToAdmin(officer, suite.stack.baseUrl, 'chigang-officer1', suite.stack.demoPassword);
    await officer.getByTestId('current-user-name').waitFor();
    await officer.goto(`${suite.stack.baseUrl}/admin/#/officer`);
    const sharedPosition = officer.waitForResponse(
      (response) => response.url().endsWith('/api/officer/location') && response.status() === 200,
    );
    await officer.getByTestId('officer-duty-toggle').click();
    await sharedPosition;

    // The resident reports a street vendor from the H5 mini-program.
    const resident = await phone(site);
    await resident.goto(`${suite.stack.baseUrl}/h5/`);
    await resident.getByTestId('dev-login-name').fill('王阿姨');
    await resident.getByTestId('dev-login-role-resident').click();
    await resident.getByTestId('dev-login-submit').click();
    await resident.getByTestId('home-user-name').waitFor();
    const evidence = await resident.screenshot({ type: 'png' });
    await resident.getByTestId('feature-report.create').click();
    await resident.getByTestId('report-photo-input').setInputFiles([
      { name: 'vendor.png', mimeType: 'image/png', buffer: evidence },
      { name: 'vendor-2.png', mimeType: 'image/png', buffer: evidence },
    ]);
    await resident.getByTestId('report-photo-1').waitFor();
    await resident.getByTestId('report-category-street_vending').click();
    await resident.getByTestId('report-locate').click();
    await resident.locator('[data-testid="report-location"][data-source="gps"]').waitFor();
    await resident.getByTestId('report-address').fill('阅江西路广州塔南广场');
    await resident.getByTestId('report-description').fill('人行道上有流动摊贩占道经营');
    await screenshot(resident, 'report-form');

    // Photos go first, one per POST /api/photos; the second is held so the progress can be seen.
    const photoUploads: number[] = [];
    let releaseSecondPhoto: () => void = () => undefined;
    const secondPhotoHeld = new Promise<void>((resolve) => (releaseSecondPhoto = resolve));
    await resident.route('**/api/photos', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      photoUploads.push(photoUploads.length + 1);
      if (photoUploads.length === 2) await secondPhotoHeld;
      return route.continue();
    });
    const submitted = resident.waitForResponse(
      (response) => response.url().endsWith('/api/reports') && response.request().method() === 'POST',
    );
    await resident.getByTestId('report-submit').click();
    const progress = resident.locator('[data-testid="report-progress"][data-stage="uploading"]');
    await progress.getByText('正在上传第 2/2 张照片').waitFor();
    await resident.waitForTimeout(400); // the bar eases to its width over 0.3 s
    await screenshot(resident, 'report-uploading');
    releaseSecondPhoto();
    const submission = await submitted;
    await resident.unroute('**/api/photos');
    assert.deepEqual(photoUploads, [1, 2]);
    const sentReport = submission.request().postDataJSON() as { photoIds: string[]; category: string };
    assert.equal(sentReport.category, 'street_vending');
    assert.equal(sentReport.photoIds.length, 2);
    assert.equal(submission.status(), 201);
    const ticket = (await submission.json()) as {
      id: string;
      status: string;
      streetName: string;
      photos: unknown[];
    };
    assert.equal(ticket.status, 'assigned');
    assert.equal(ticket.photos.length, 2);
    assert.equal(ticket.streetName, '赤岗街道');
    await resident.getByTestId('report-result').waitFor();
    await screenshot(resident, 'report-result');

    // The resident follows the report on its detail page, which changes live from here on (no reload).
    await resident.goto(`${suite.stack.baseUrl}/h5/`);
    await resident.getByTestId('feature-report.mine').click();
    await resident.getByTestId(`my-report-${ticket.id}`).click();
    await resident.locator('[data-testid="report-status"][data-status="assigned"]').waitFor();
    let residentNavigations = 0;
    resident.on('framenavigated', (frame) => {
      if (frame === resident.mainFrame()) residentNavigations += 1;
    });

    // The assignment reaches the officer's view; accept, check in on site, resolve with a photo.
    const card = officer.getByTestId(`officer-ticket-${ticket.id}`);
    await card.waitFor({ timeout: 20_000 });
    await card.getByTestId('officer-accept').click();
    await officer.locator(`[data-testid="officer-ticket-${ticket.id}"][data-status="accepted"]`).waitFor();
    await card.getByTestId('officer-check-in').click();
    await officer.locator(`[data-testid="officer-ticket-${ticket.id}"][data-status="on_site"]`).waitFor();
    // 已到场 on the resident's page within moments, without a reload.
    await resident
      .locator('[data-testid="report-status"][data-status="on_site"]')
      .waitFor({ timeout: 5_000 });
    await screenshot(resident, 'report-on-site-live');
    await card.getByTestId('officer-resolve-note').fill('已劝离摊贩，人行道恢复通行');
    await card.getByTestId('officer-resolve-photos').setInputFiles({
      name: 'after.png',
      mimeType: 'image/png',
      buffer: await officer.screenshot({ type: 'png' }),
    });
    await screenshot(officer, 'officer-resolve');
    const resolved = officer.waitForResponse((response) =>
      response.url().endsWith(`/api/tickets/${ticket.id}/resolve`),
    );
    await card.getByTestId('officer-resolve-submit').click();
    assert.equal((await resolved).status(), 200);

    // The resident sees it resolved on the same page, still without a reload, and rates it.
    await resident
      .locator('[data-testid="report-status"][data-status="resolved"]')
      .waitFor({ timeout: 5_000 });
    assert.equal(residentNavigations, 0, 'the report detail changed without a reload');
    await resident.getByTestId('report-rate-5').click();
    const rated = resident.waitForResponse((response) =>
      response.url().endsWith(`/api/reports/${ticket.id}/rate`),
    );
    await resident.getByTestId('report-rate-submit').click();
    assert.equal((await rated).status(), 200);
    await resident.getByTestId('report-rating').waitFor();
    await screenshot(resident, 'report-rated');
  });
});
