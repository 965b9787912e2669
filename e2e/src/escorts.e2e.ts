import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { volunteerHoursSchema } from '@jiefang/contracts';
import { screenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

// The elder lives by 广州塔南广场, inside 赤岗街道.
const home = { latitude: 23.1066, longitude: 113.3245 };

const suite = useStackAndBrowser();

/** Tomorrow's date in Beijing, YYYY-MM-DD. */
const tomorrowInBeijing = () =>
  new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);

const settledDropdown = '.ant-picker-dropdown:visible:not(.ant-slide-up-appear)';

/** Opens an antd TimePicker and clicks its hour and minute cells; it takes them when it closes. */
async function pickClock(page: Page, testId: string, hour: string, minute: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  const panel = page.locator('.ant-picker-dropdown:visible .ant-picker-time-panel');
  await panel.waitFor();
  const column = (index: number) => panel.locator('.ant-picker-time-panel-column').nth(index);
  await column(0)
    .locator('.ant-picker-time-panel-cell-inner', { hasText: new RegExp(`^${hour}$`) })
    .click();
  await column(1)
    .locator('.ant-picker-time-panel-cell-inner', { hasText: new RegExp(`^${minute}$`) })
    .click();
  await input.press('Enter');
  await panel.waitFor({ state: 'hidden' });
}

describe('volunteer escorts end to end', () => {
  it('a worker books by phone in the admin panel, a volunteer accepts and completes in H5, the worker reviews the hours', async () => {
    const worker = await suite.api('POST', '/api/auth/login', null, {
      username: 'chigang-worker',
      password: suite.stack.demoPassword,
    });
    const workerToken = worker.body.token as string;
    const elder = await suite.api('POST', '/api/elders', workerToken, {
      name: '周伯',
      phone: '13811112222',
      address: '赤岗北路 21 号 301',
      lat: home.latitude,
      lng: home.longitude,
      needs: [],
    });
    assert.equal(elder.status, 201);
    const elderId = elder.body.id as string;
    const helper = await suite.api('POST', '/api/auth/dev-login', null, {
      role: 'volunteer',
      name: '志愿者阿杰',
    });
    const volunteerId = (helper.body.user as { id: string }).id;
    const registered = await suite.api('POST', '/api/volunteers/me', helper.body.token as string, {
      realName: '林杰',
      phone: '13622223333',
      skills: ['first_aid'],
      serviceArea: { street: 'chigang', lat: home.latitude, lng: home.longitude, radiusKm: 3 },
      availability: Array.from({ length: 7 }, (_, weekday) => ({ weekday, start: '07:00', end: '21:00' })),
    });
    assert.equal(registered.status, 200);

    // The community worker verifies the volunteer and books for the elder, who phoned in.
    const adminContext = await suite.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await adminContext.newPage();
    await signInToAdmin(admin, suite.stack.baseUrl, 'chigang-worker', suite.stack.demoPassword);
    // Signed in before navigating: otherwise the session may not be stored yet.
    await admin.getByTestId('current-user-name').waitFor();
    await admin.goto(`${suite.stack.baseUrl}/admin/#/volunteers`);
    await admin.getByTestId(`volunteer-verify-${volunteerId}`).click();
    await admin.goto(`${suite.stack.baseUrl}/admin/#/escorts/book?elder=${elderId}`);
    await admin.getByTestId('booking-service-home_visit').click();
    // antd's pickers in Chinese: the day typed as the worker would, the times picked on the 24-hour panel.
    const day = tomorrowInBeijing();
    const dateInput = admin.getByTestId('booking-date');
    await dateInput.click();
    // Past its opening animation, so the screenshot shows it solid.
    await admin.locator(`${settledDropdown} .ant-picker-date-panel`).waitFor();
    await screenshot(admin, 'admin-escort-booking-date');
    await dateInput.fill(day);
    await dateInput.press('Enter');
    await pickClock(admin, 'booking-start', '15', '00');
    await admin.getByTestId('booking-end').click();
    await admin.locator(`${settledDropdown} .ant-picker-time-panel`).waitFor();
    await screenshot(admin, 'admin-escort-booking-time');
    await admin.getByTestId('booking-end').press('Escape');
    await pickClock(admin, 'booking-end', '16', '00');
    assert.equal(await dateInput.inputValue(), day);
    assert.equal(await admin.getByTestId('booking-start').inputValue(), '15:00');
    assert.equal(await admin.getByTestId('booking-end').inputValue(), '16:00');
    await admin.getByTestId('booking-submit').click();
    const success = admin.getByTestId('booking-success');
    await success.waitFor({ timeout: 15_000 });
    const escortId = await success.getAttribute('data-escort-id');
    assert.ok(escortId);
    // 15:00–16:00 tomorrow in Beijing, whatever zone the browser runs in.
    const booked = await suite.api('GET', `/api/escorts/${escortId}`, workerToken);
    assert.equal(Date.parse(booked.body.windowStart as string), Date.parse(`${day}T15:00:00+08:00`));
    assert.equal(Date.parse(booked.body.windowEnd as string), Date.parse(`${day}T16:00:00+08:00`));
    await screenshot(admin, 'admin-escort-booked');

    // The volunteer finds it among open requests, accepts, checks in at the elder's home and completes.
    const volunteerPhone = await suite.phoneContext(home);
    const phone = await volunteerPhone.newPage();
    await phone.goto(`${suite.stack.baseUrl}/h5/`);
    await phone.getByTestId('dev-login-name').fill('志愿者阿杰');
    await phone.getByTestId('dev-login-role-volunteer').click();
    await phone.getByTestId('dev-login-submit').click();
    await phone.locator('[data-testid="feature-escort.open"]:visible').click();
    await phone.locator(`[data-testid="escort-open-${escortId}"]:visible`).click();
    await phone.locator('[data-testid="escort-accept"]:visible').click();
    const task = phone.locator('[data-testid="escort-task"][data-status="accepted"]:visible');
    await task.waitFor({ timeout: 15_000 });
    await screenshot(phone, 'h5-escort-accepted');
    await phone.locator('[data-testid="escort-check-in"]:visible').click();
    const started = phone.locator('[data-testid="escort-task"][data-status="in_progress"]:visible');
    await started.waitFor({ timeout: 15_000 });
    await phone
      .locator(
        'textarea[data-testid="escort-complete-notes"]:visible, [data-testid="escort-complete-notes"]:visible textarea',
      )
      .first()
      .fill('陪周伯聊天、量血压，一切正常');
    await phone.locator('[data-testid="escort-complete-submit"]:visible').click();
    await phone
      .locator('[data-testid="escort-task"][data-status="completed"]:visible')
      .waitFor({ timeout: 15_000 });

    // The worker sees the service in the volunteer's ledger and confirms it.
    await admin.goto(`${suite.stack.baseUrl}/admin/#/volunteers?tab=verified&volunteer=${volunteerId}`);
    await admin.getByTestId(`hours-entry-${escortId}`).waitFor({ timeout: 15_000 });
    await admin.getByTestId(`hours-review-${escortId}`).click();
    await admin
      .locator(`[data-testid="hours-entry-${escortId}"][data-reviewed="true"]`)
      .waitFor({ timeout: 15_000 });
    await screenshot(admin, 'admin-volunteer-hours');
    const ledger = volunteerHoursSchema.parse(
      (await suite.api('GET', `/api/volunteers/${volunteerId}/hours`, workerToken)).body,
    );
    assert.deepEqual(
      ledger.entries.map((entry) => [entry.escortId, entry.reviewed]),
      [[escortId, true]],
    );
  });
});
