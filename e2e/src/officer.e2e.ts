import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { reportWithPhoto, scenePhoto } from './reportFixtures';
import { useStackAndBrowser } from './suite';

// 广州塔南广场 in 赤岗街道; the officer waits 40 m north of it. A second site ~400 m east for the board.
const site = { lat: 23.1066, lng: 113.3245 };
const officerSpot = { latitude: 23.10696, longitude: 113.3245 };
const secondSite = { lat: 23.1066, lng: 113.3285 };

const suite = useStackAndBrowser();

async function phone(geolocation: { latitude: number; longitude: number }): Promise<Page> {
  const context = await suite.phoneContext(geolocation);
  return context.newPage();
}

/** Lets Taro's page slide-in and any toast finish, so that screenshots show the settled page. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(600);
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every(
        (toast) => !toast.offsetParent,
      ),
    undefined,
    { timeout: 5_000 },
  );
}

async function devLogin(page: Page, name: string, role: string): Promise<void> {
  await page.goto(`${suite.stack.baseUrl}/h5/`);
  await page.getByTestId('dev-login-name').fill(name);
  await page.getByTestId(`dev-login-role-${role}`).click();
  await page.getByTestId('dev-login-street-chigang').click();
  await page.getByTestId('dev-login-submit').click();
  await page.getByTestId('home-user-name').waitFor();
}

/** A resident's report through the API (photo first, then the JSON report); returns the ticket. */
async function report(photo: Buffer, at: { lat: number; lng: number }, category: string, text: string) {
  const login = await suite.api('POST', '/api/auth/dev-login', null, {
    role: 'resident',
    name: '街坊居民',
  });
  return reportWithPhoto(suite.stack, login.body.token as string, photo, {
    category,
    ...at,
    address: text,
    description: '居民扫码反馈',
    key: `officer-e2e-${category}-${Date.now()}`,
  });
}

describe('执法工单 in the mini-program (H5)', () => {
  it('an officer goes on duty, is rung, accepts, checks in and resolves; the squad leader reassigns', async () => {
    const officer = await phone(officerSpot);
    await devLogin(officer, '李队员', 'officer');
    await officer.locator('[data-testid="feature-enforcement.tickets"]:visible').click();
    await officer.locator('[data-testid="officer-duty-state"][data-on="0"]:visible').waitFor();
    await officer.locator('[data-testid="officer-shifts"][data-empty="1"]:visible').waitFor();
    const shared = officer.waitForResponse(
      (response) => response.url().endsWith('/api/officer/location') && response.status() === 200,
    );
    await officer.locator('[data-testid="officer-duty-toggle"]:visible').click();
    await shared;
    await officer.locator('[data-testid="officer-location"][data-phase="sharing"]:visible').waitFor();
    await settle(officer);
    await screenshot(officer, 'officer-duty');

    // A resident reports nearby: the assignment arrives within the live refresh and rings.
    const evidence = await scenePhoto(suite.browser, '🛒🧺');
    const ticket = await report(evidence, site, 'street_vending', '阅江西路广州塔南广场');
    const incoming = officer.locator(
      `[data-testid="officer-incoming"][data-ticket-id="${ticket.id}"][data-ringing="1"]:visible`,
    );
    await incoming.waitFor({ timeout: 15_000 });
    await incoming.locator('[data-testid="officer-incoming-clock-accept"]').waitFor();
    await incoming.locator('[data-testid="officer-incoming-clock-onSite"]').waitFor();
    await screenshot(officer, 'officer-incoming');

    await incoming.locator('[data-testid="officer-accept"]').click();
    const row = officer.locator(`[data-testid="officer-task"][data-ticket-id="${ticket.id}"]:visible`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await officer.locator('[data-testid="officer-ticket"][data-status="accepted"]:visible').waitFor();
    await settle(officer);
    await screenshot(officer, 'officer-task');

    // Another report while the officer is on this page: it rings and is announced here too.
    const third = await report(
      await scenePhoto(suite.browser, '🗑️'),
      { lat: site.lat - 0.0006, lng: site.lng },
      'garbage',
      '广州塔南门外',
    );
    await officer.locator('[data-testid="officer-arrived"]:visible').waitFor({ timeout: 15_000 });
    assert.ok(third.assigneeId, 'the third report went to the officer on duty');

    await officer.locator('[data-testid="officer-check-in"]:visible').click();
    await officer
      .locator('[data-testid="officer-ticket"][data-status="on_site"]:visible')
      .waitFor({ timeout: 15_000 });
    await officer
      .locator(
        '[data-testid="officer-resolve-note"]:visible textarea, textarea[data-testid="officer-resolve-note"]:visible',
      )
      .first()
      .fill('摊贩已劝离，人行道恢复通行');
    await officer
      .getByTestId('officer-resolve-input')
      .setInputFiles([
        { name: 'after.png', mimeType: 'image/png', buffer: await scenePhoto(suite.browser, '🌳') },
      ]);
    await officer.locator('[data-testid="officer-resolve-photo-0"]:visible').waitFor();
    await settle(officer);
    await officer
      .locator('[data-testid="officer-resolve"]:visible')
      .evaluate((form) => form.scrollIntoView({ block: 'end' }));
    await screenshot(officer, 'officer-resolve');
    await officer.locator('[data-testid="officer-resolve-submit"]:visible').click();
    await officer
      .locator('[data-testid="officer-ticket"][data-status="resolved"]:visible')
      .waitFor({ timeout: 15_000 });

    await officer.goBack();
    await officer.locator('[data-testid="officer-go-history"]:visible').click();
    await officer
      .locator('[data-testid="officer-history-item"]:visible')
      .first()
      .waitFor({ timeout: 15_000 });
    assert.equal(await officer.locator('[data-testid="officer-history-item"]:visible').count(), 1);
    await settle(officer);
    await screenshot(officer, 'officer-history');

    // A colleague on duty near the second site; the squad leader's board shows both and the clock.
    const colleague = await suite.api('POST', '/api/auth/dev-login', null, {
      role: 'officer',
      name: '王队员',
      street: 'chigang',
    });
    const colleagueToken = colleague.body.token as string;
    await suite.api('POST', '/api/officer/duty', colleagueToken, { onDuty: true, travelMode: 'walk' });
    await suite.api('POST', '/api/officer/location', colleagueToken, { ...secondSite, accuracy: 15 });
    const second = await report(
      await scenePhoto(suite.browser, '🗑️'),
      secondSite,
      'garbage',
      '赤岗路垃圾堆放点',
    );
    assert.ok(second.assigneeId, 'the second report went to an officer on duty');

    const leader = await phone(officerSpot);
    await devLogin(leader, '赵中队长', 'squad_leader');
    await leader.locator('[data-testid="feature-squad.board"]:visible').click();
    const risk = leader.locator(`[data-testid="squad-at-risk"][data-ticket-id="${second.id}"]:visible`);
    await risk.waitFor({ timeout: 15_000 });
    assert.ok((await leader.locator('[data-testid="squad-officer"]:visible').count()) >= 2);
    await settle(leader);
    await screenshot(leader, 'officer-squad');
    await risk.locator('[data-testid="squad-reassign"]').click();
    await risk.locator('[data-testid="squad-candidate"]').first().click();
    await screenshot(leader, 'officer-squad-reassign');
    const assigned = leader.waitForResponse(
      (response) => response.url().endsWith(`/api/tickets/${second.id}/assign`) && response.status() === 200,
    );
    await risk.locator('[data-testid="squad-reassign-confirm"]').click();
    const moved = (await (await assigned).json()) as { assigneeId: string };
    assert.notEqual(moved.assigneeId, second.assigneeId);

    // Large-text mode scales the board too.
    await leader.locator('[data-testid="large-text-toggle"]:visible').click();
    await settle(leader);
    await screenshot(leader, 'officer-squad-large');
  });
});
