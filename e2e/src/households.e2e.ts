import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { householdListSchema } from '@jiefang/contracts';
import { screenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();

describe('households end to end', () => {
  it('an admin places a household on the map and invites its owner, who binds it in H5', async () => {
    const address = `赤岗北路 ${Date.now() % 1000} 号 502 房`;
    const consoleContext = await suite.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await consoleContext.newPage();
    await signInToAdmin(admin, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
    await admin.getByTestId('current-user-name').waitFor();
    await admin.goto(`${suite.stack.baseUrl}/admin/#/households`);
    await admin.getByTestId('household-create').click();

    // The address, then the place: a click inside the first grid of 赤岗街道 names street and grid.
    await admin.getByTestId('household-address').fill(address);
    const grid = admin.getByTestId('pin-picker-map').getByTestId('map-grid-chigang-g1');
    await grid.waitFor({ timeout: 15_000 });
    // A point that is really inside the grid (its box's centre may not be): the first one the grid answers for.
    const inside = await grid.evaluate((element) => {
      const box = element.getBoundingClientRect();
      for (let i = 1; i < 12; i += 1)
        for (let j = 1; j < 12; j += 1) {
          const x = box.left + (box.width * i) / 12;
          const y = box.top + (box.height * j) / 12;
          if (document.elementFromPoint(x, y) === element) return { x, y };
        }
      return null;
    });
    assert.ok(inside, 'the grid can be clicked');
    await admin.mouse.click(inside.x, inside.y);
    await admin.getByTestId('map-pin').waitFor();
    const place = (await admin.getByTestId('pin-place').textContent()) ?? '';
    assert.match(place, /赤岗街道 · /);
    // Away from the grid, so its tooltip does not hide the pin.
    await admin.getByTestId('household-address').hover();
    await screenshot(admin, 'admin-household-map');
    await admin.getByTestId('household-save').click();

    // Saved: the drawer now offers 邀请业主; the code is shown once.
    const phone = `139${String(Date.now()).slice(-8)}`;
    await admin.getByTestId('invite-phone').fill(phone);
    await admin.getByTestId('invite-submit').click();
    const invitation = admin.getByTestId('invite-code');
    await invitation.waitFor({ timeout: 15_000 });
    const code = /\d{6}/.exec((await invitation.textContent()) ?? '')?.[0];
    assert.ok(code, 'the invitation code is shown');
    await invitation.scrollIntoViewIfNeeded();
    await screenshot(admin, 'admin-household-invitation');

    // The owner, signed in on the phone, binds the household with phone + code.
    const ownerPhone = await suite.phoneContext();
    const h5 = await ownerPhone.newPage();
    await h5.goto(`${suite.stack.baseUrl}/h5/`);
    await h5.getByTestId('dev-login-name').fill('微信业主');
    await h5.getByTestId('dev-login-role-resident').click();
    await h5.getByTestId('dev-login-submit').click();
    await h5.locator('[data-testid="feature-household.bind"]:visible').click();
    await h5.locator('[data-testid="bind-phone"]:visible').first().fill(phone);
    await h5.locator('[data-testid="bind-code"]:visible').first().fill(code);
    await screenshot(h5, 'h5-bind-household');
    await h5.locator('[data-testid="bind-submit"]:visible').click();
    await h5.locator('[data-testid="bind-done"]:visible').waitFor({ timeout: 15_000 });
    assert.match(
      (await h5.locator('[data-testid="bind-done"]:visible').textContent()) ?? '',
      new RegExp(address),
    );
    await screenshot(h5, 'h5-bind-household-done');

    // The owner's page names the household by its address.
    await h5.locator('[data-testid="bind-to-alarms"]:visible').click();
    await h5.locator('[data-testid="owner-home"]:visible').first().waitFor({ timeout: 15_000 });
    const homes = await h5.locator('[data-testid="owner-homes"]:visible').textContent();
    assert.ok(homes?.includes(address), 'the owner sees the address');
    await screenshot(h5, 'h5-owner-homes');

    const token = (
      await suite.api('POST', '/api/auth/login', null, {
        username: 'admin',
        password: suite.stack.demoPassword,
      })
    ).body.token as string;
    const listed = householdListSchema.parse(
      (await suite.api('GET', `/api/households?q=${encodeURIComponent(address)}`, token)).body,
    );
    assert.equal(listed.items[0]?.owners.length, 1);
  });

  it('an admin imports households from a .csv saved as GB18030, previewed then stored', async () => {
    const run = Date.now() % 100_000;
    // 地址,纬度,经度,联系人 / 赤岗路 <run> 号 101,…,黄先生 as Excel saves a CSV on a Chinese Windows (GB18030).
    const gb = (hex: string) => Buffer.from(hex, 'hex');
    const csv = Buffer.concat([
      gb('b5d8d6b72cceb3b6c82cbeadb6c82cc1aacfb5c8cb0d0a'),
      gb('b3e0b8dac2b7'),
      Buffer.from(` ${run} `),
      gb('bac5'),
      Buffer.from(' 101,23.1066,113.3245,'),
      gb('bbc6cfc8c9fa0d0a'),
    ]);
    const address = `赤岗路 ${run} 号 101`;
    const consoleContext = await suite.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await consoleContext.newPage();
    await signInToAdmin(admin, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
    await admin.getByTestId('current-user-name').waitFor();
    await admin.goto(`${suite.stack.baseUrl}/admin/#/households`);
    await admin.getByTestId('household-import').click();
    await admin
      .locator('.ant-modal input[type="file"]')
      .setInputFiles({ name: '赤岗住户.csv', mimeType: 'text/csv', buffer: csv });
    const preview = admin.getByTestId('household-import-preview');
    await preview.waitFor({ timeout: 15_000 });
    assert.match((await preview.textContent()) ?? '', new RegExp(`${address}.*赤岗街道.*新增`));
    await screenshot(admin, 'admin-household-import-preview');
    await admin.getByTestId('household-import-commit').click();
    await preview.waitFor({ state: 'detached', timeout: 15_000 });

    const token = (
      await suite.api('POST', '/api/auth/login', null, {
        username: 'admin',
        password: suite.stack.demoPassword,
      })
    ).body.token as string;
    const listed = householdListSchema.parse(
      (await suite.api('GET', `/api/households?q=${encodeURIComponent(address)}`, token)).body,
    );
    assert.equal(listed.items[0]?.address, address);
    assert.equal(listed.items[0]?.contacts[0]?.name, '黄先生');
  });
});
