import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import mqtt from 'mqtt';
import { alarmListSchema } from '@jiefang/contracts';
import { screenshot, signInToAdmin } from './browser';
import { useStackAndBrowser } from './suite';

const suite = useStackAndBrowser();
let workDir: string;

before(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'device-import-e2e-'));
});

after(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** Device ids are broker accounts shared by every stack on the machine: unique to this run. */
const run = Date.now().toString(36);
const household = `e2e-imp-${run}`;
const address = `赤岗北路 ${run} 号`;

/** An estate's detectors as an installer fills the template: 3 charging detectors, 2 meters, one mistake. */
async function installWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('设备');
  sheet.addRow([
    '设备编号',
    '类型',
    '住户',
    '纬度',
    '经度',
    '街道',
    '声环境功能区',
    '楼栋',
    '安装位置',
    '备注',
  ]);
  for (let index = 1; index <= 3; index += 1) {
    sheet.addRow([
      `charge-${run}-${index}`,
      '充电检测器',
      index === 1 ? household : address,
      null,
      null,
      null,
      null,
      '1栋',
      `${index}层车棚`,
    ]);
  }
  for (let index = 1; index <= 2; index += 1) {
    sheet.addRow([
      `noise-${run}-${index}`,
      '噪声监测仪',
      null,
      23.1066,
      113.3245 + index / 10_000,
      '赤岗街道',
      '2',
      null,
      '路口',
    ]);
  }
  sheet.addRow([`cam-${run}`, '摄像头', null, 23.1066, 113.3245]);
  await workbook.xlsx.writeFile(file);
}

describe('device bulk import in the admin panel', () => {
  it('an admin imports devices from an .xlsx and downloads their secrets; one connects and its alarm shows', async () => {
    const login = await suite.api('POST', '/api/auth/login', null, {
      username: 'admin',
      password: suite.stack.demoPassword,
    });
    const token = login.body.token as string;
    const created = await suite.api('POST', '/api/households', token, {
      id: household,
      address,
      location: { lat: 23.1066, lng: 113.3245 },
    });
    assert.equal(created.status, 201);
    const file = path.join(workDir, '赤岗北路设备.xlsx');
    await installWorkbook(file);

    const context = await suite.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signInToAdmin(page, suite.stack.baseUrl, 'admin', suite.stack.demoPassword);
    await page.getByTestId('current-user-name').waitFor();
    await page.goto(`${suite.stack.baseUrl}/admin/#/devices`);
    await page.getByTestId('device-import').waitFor();
    await screenshot(page, 'admin-devices-import-button');
    await page.getByTestId('device-import').click();
    await page.getByTestId('device-import-page').waitFor();

    const templateDownload = page.waitForEvent('download');
    await page.getByTestId('device-import-template').click();
    assert.equal((await templateDownload).suggestedFilename(), '设备导入模板.xlsx');

    await page.locator('[data-testid="device-import-page"] input[type="file"]').setInputFiles(file);
    await page.getByTestId('device-import-preview').waitFor();
    assert.equal(
      await page.getByTestId('device-import-totals').innerText(),
      '共 6 行：可导入 5 台，已导入过 0 台，有错误 1 行',
    );
    assert.equal(await page.getByTestId('device-import-bad-7-类型').innerText(), '摄像头');
    await screenshot(page, 'admin-device-import-preview');

    await page.getByTestId('device-import-commit').click();
    await page.getByTestId('device-import-result').waitFor({ timeout: 30_000 });
    assert.equal(
      await page.getByTestId('device-import-totals').innerText(),
      '共 6 行：新登记 5 台，已导入过 0 台，未导入 1 行',
    );
    assert.match(await page.getByTestId('device-import-once').innerText(), /只在这一次给出/);
    await screenshot(page, 'admin-device-import-result');

    const secretsDownload = page.waitForEvent('download');
    await page.getByTestId('device-import-download-secrets').click();
    const secrets = await secretsDownload;
    assert.match(secrets.suggestedFilename(), /^设备密钥_.*\.xlsx$/);
    const saved = path.join(workDir, 'secrets.xlsx');
    await secrets.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const row = book.getWorksheet('设备密钥')!.getRow(2);
    const [deviceId, username, clientId, secret, brokerUrl] = [2, 6, 7, 8, 9].map((cell) =>
      String(row.getCell(cell).value),
    );
    assert.equal(deviceId, `charge-${run}-1`);
    assert.deepEqual([username, clientId], [deviceId, deviceId]);

    // The installer puts the secret into the detector; it connects and reports charging indoors.
    const device = await mqtt.connectAsync(brokerUrl!, {
      clientId,
      username,
      password: secret,
      reconnectPeriod: 0,
    });
    const detectedAt = Date.now();
    await device.publishAsync(
      `devices/${deviceId}/event`,
      JSON.stringify({ ts: detectedAt, seq: 1, type: 'charging_detected', confidence: 0.93 }),
      { qos: 1 },
    );
    await device.endAsync();
    const alarmId = `${deviceId}:indoor_charging:${detectedAt}:1`;
    await page.goto(`${suite.stack.baseUrl}/admin/#/alarms`);
    await page.getByTestId(`alarm-row-${alarmId}`).waitFor({ timeout: 15_000 });
    const alarms = alarmListSchema.parse((await suite.api('GET', '/api/alarms', token)).body);
    assert.equal(alarms.items.find((alarm) => alarm.id === alarmId)?.householdId, household);

    // The same file again registers nothing twice and gives no secret again.
    await page.goto(`${suite.stack.baseUrl}/admin/#/devices/import`);
    await page.locator('[data-testid="device-import-page"] input[type="file"]').setInputFiles(file);
    await page.getByTestId('device-import-preview').waitFor();
    assert.equal(
      await page.getByTestId('device-import-totals').innerText(),
      '共 6 行：可导入 0 台，已导入过 5 台，有错误 1 行',
    );
    await page.getByTestId('device-import-already').waitFor();
    await screenshot(page, 'admin-device-import-again');
  });
});
