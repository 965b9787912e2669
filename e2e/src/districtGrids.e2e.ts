import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { reportWithPhoto, scenePhoto } from './reportFixtures';
import { docsScreenshot, signInToAdmin } from './browser';
import { repoRoot } from './stack';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();
let files: string;

type Position = [number, number];
interface GridFeature {
  type: 'Feature';
  properties: { id: string; name: string; streetId: string; community: string };
  geometry: { type: 'Polygon'; coordinates: Position[][] };
}

/**
 * 华洲街道's grids files as a street office would upload them: one whose 土华社区 grid reaches into
 * 小洲社区's, and one that splits that grid in two (huazhou-g4 the new east half).
 */
function writeGridFiles(folder: string) {
  const shipped = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'bff/src/modules/district/haizhu-demo-grids.geojson'), 'utf8'),
  ) as { features: GridFeature[] };
  const huazhou = shipped.features.filter((grid) => grid.properties.streetId === 'huazhou');
  const others = huazhou.filter((grid) => grid.properties.id !== 'huazhou-g1');
  const grid = (id: string, name: string, ring: Position[]): GridFeature => ({
    type: 'Feature',
    properties: { id, name, streetId: 'huazhou', community: '土华社区' },
    geometry: { type: 'Polygon', coordinates: [ring] },
  });
  const write = (name: string, features: GridFeature[]) =>
    fs.writeFileSync(
      path.join(folder, name),
      JSON.stringify({ type: 'FeatureCollection', name: '华洲街道网格', features }, null, 2),
    );
  write('华洲网格-重叠.geojson', [
    grid('huazhou-g1', '土华社区第1网格', [
      [113.341, 23.08],
      [113.362, 23.08],
      [113.362, 23.095],
      [113.341, 23.095],
      [113.341, 23.08],
    ]),
    ...others,
  ]);
  write('华洲网格-拆分.geojson', [
    grid('huazhou-g1', '土华社区第1网格', [
      [113.341, 23.08],
      [113.3505, 23.0795],
      [113.3505, 23.095],
      [113.341, 23.095],
      [113.341, 23.08],
    ]),
    ...others,
    grid('huazhou-g4', '土华社区第2网格', [
      [113.3505, 23.0795],
      [113.36, 23.079],
      [113.36, 23.095],
      [113.3505, 23.095],
      [113.3505, 23.0795],
    ]),
  ]);
}

before(() => {
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'district-grids-'));
  writeGridFiles(files);
});

after(() => {
  fs.rmSync(files, { recursive: true, force: true });
});

/** The panel signed in as the district administrator, on 辖区网格 with 华洲街道 chosen. */
async function districtGridsPage(): Promise<Page> {
  const context = await suite.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await signInToAdmin(page, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
  await page.waitForURL(/#\/(?!login)/);
  await page.goto(`${suite.stack.baseUrl}/admin/#/district/grids`);
  await page.getByTestId('district-grids-current').waitFor();
  await page.getByTestId('district-grids-street').click();
  await page.locator('.ant-select-item-option[title="华洲街道"]').click();
  await page.getByTestId('map-grid-huazhou-g1').waitFor();
  return page;
}

const upload = (page: Page, name: string) =>
  page
    .locator('[data-testid="district-grids-page"] input[type="file"]')
    .setInputFiles(path.join(files, name));

describe('辖区网格 in the admin panel', () => {
  it('an overlap is shown; a split grid is published and the next report is routed to it without a restart', async () => {
    const page = await districtGridsPage();
    assert.equal(await page.getByTestId('district-grids-current').textContent(), '当前版本：系统内置网格');

    await upload(page, '华洲网格-重叠.geojson');
    const problem = page.getByTestId('district-grids-problem-0');
    await problem.waitFor();
    assert.equal(await problem.getAttribute('data-code'), 'overlap');
    assert.match((await problem.textContent()) ?? '', /网格 huazhou-g1 与 huazhou-g2 重叠约 [\d.,]+ 平方米/);
    await page.getByTestId('map-problem-area-0').waitFor();
    assert.equal(await page.getByTestId('district-grids-publish').isDisabled(), true);
    await docsScreenshot(page, 'admin-district-grids-problems');

    await page.getByTestId('district-grids-another').click();
    await upload(page, '华洲网格-拆分.geojson');
    await page.getByTestId('district-grids-ok').waitFor();
    await page.getByTestId('district-grids-change-added-huazhou-g4').waitFor();
    await page.getByTestId('map-new-grid-huazhou-g4').waitFor();
    await docsScreenshot(page, 'admin-district-grids-preview');
    await page.getByTestId('district-grids-publish').click();
    await page.getByTestId('district-grids-current').filter({ hasText: '第 1 版' }).waitFor();
    await page.getByTestId('district-grids-version-1').waitFor();
    // The map's outlines are read again: the new grid is drawn as a current one.
    await page.getByTestId('map-grid-huazhou-g4').waitFor();
    await docsScreenshot(page, 'admin-district-grids-published');

    // A resident reports in the east half of the old grid: the running BFF routes it to the new grid.
    const resident = await suite.api('POST', '/api/auth/dev-login', null, {
      role: 'resident',
      name: '华洲街坊',
    });
    assert.equal(resident.status, 200);
    const report = await reportWithPhoto(
      suite.stack,
      resident.body.token as string,
      await scenePhoto(suite.browser, '🗑️'),
      {
        category: 'garbage',
        lat: 23.09,
        lng: 113.355,
        address: '华洲路 88 号',
        description: '垃圾堆在路边',
        key: `district-grids-${Date.now()}`,
      },
    );
    const admin = await suite.api('POST', '/api/auth/login', null, {
      username: 'admin',
      password: suite.stack.demoPassword,
    });
    const ticket = await suite.api('GET', `/api/tickets/${report.id}`, admin.body.token as string);
    assert.equal(ticket.status, 200);
    assert.equal(ticket.body.streetId, 'huazhou');
    assert.equal(ticket.body.gridId, 'huazhou-g4');
    await page.context().close();
  });
});
