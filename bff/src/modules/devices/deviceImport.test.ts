import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import mqtt from 'mqtt';
import {
  auditEntryListSchema,
  deviceImportHeaders,
  deviceImportResultSchema,
  deviceSchema,
  type DeviceImportHeader,
  type DeviceImportResult,
} from '@jiefang/contracts';
import { auth, eventually } from '../../testing/reportFixtures';
import { signInAsStaff } from '../../testing/staffLogin';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
let admin: string;
/** Device ids unique to this run: the broker's accounts are shared by every test file. */
const tag = randomBytes(3).toString('hex');
const householdId = `imp-hz-${tag}`;
const householdAddress = `华洲街道导入测试小区${tag}号`;

beforeAll(async () => {
  t = await startTestApp('device_import', { env: { DEVICE_MQTT_URL: 'mqtts://devices.example:8883' } });
  // A real password sign-in: the audit log names the actor by account.
  admin = (await signInAsStaff(t, `dev-import-${tag}`, ['admin'])).token;
  await t.http
    .post('/api/households')
    .set(auth(admin))
    .send({ id: householdId, address: householdAddress, location: { lat: 23.093, lng: 113.352 } })
    .expect(201);
  await t.http
    .post('/api/households')
    .set(auth(admin))
    .send({ id: `${householdId}-nopin`, address: `${householdAddress}（未定位）`, street: '华洲街道' })
    .expect(201);
});
afterAll(() => t.close());

type Cells = Partial<Record<DeviceImportHeader, string | number>>;

/** A workbook as an installer would fill it: the header row, then one row per device. */
async function xlsxOf(rows: Cells[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('设备');
  sheet.addRow([...deviceImportHeaders]);
  for (const row of rows) sheet.addRow(deviceImportHeaders.map((header) => row[header] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const upload = (path: string, file: Buffer, filename: string, token = admin) =>
  t.http.post(path).set(auth(token)).attach('file', file, filename);

const resultOf = (body: unknown): DeviceImportResult => deviceImportResultSchema.parse(body);

/** The secrets workbook's rows: device id → [MQTT username, client id, secret, broker address]. */
async function secretsOf(result: DeviceImportResult): Promise<Map<string, string[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(result.secretsWorkbook!, 'base64') as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('设备密钥')!;
  expect(sheet.getRow(1).values).toEqual([
    undefined,
    '行',
    '设备编号',
    '类型',
    '街道',
    '住户',
    'MQTT 用户名',
    'MQTT 客户端 ID',
    '密钥',
    '接入地址',
  ]);
  const secrets = new Map<string, string[]>();
  sheet.eachRow((row, number) => {
    const values = row.values as unknown[];
    if (number > 1 && typeof values[8] === 'string') {
      secrets.set(String(values[2]), [values[6], values[7], values[8], values[9]].map(String));
    }
  });
  return secrets;
}

/** A real login on the test run's broker: username and client id are the device id. */
async function canConnect(id: string, secret: string): Promise<boolean> {
  const client = mqtt.connect(t.config.MQTT_URL, {
    clientId: id,
    username: id,
    password: secret,
    reconnectPeriod: 0,
    connectTimeout: 3000,
  });
  const connected = await new Promise<boolean>((resolve) => {
    client.once('connect', () => resolve(true));
    client.once('error', () => resolve(false));
    client.once('close', () => resolve(false));
  });
  await client.endAsync(true);
  return connected;
}

/** 30 smoke detectors in one household (placed at its pin), 20 noise meters on the map. */
const fleet: Cells[] = [
  ...Array.from({ length: 30 }, (_, index) => ({
    设备编号: `smoke-${tag}-${index}`,
    类型: '烟感探测器',
    住户: index % 2 ? householdId : householdAddress,
    楼栋: '1栋',
    安装位置: `${101 + index}室`,
  })),
  ...Array.from({ length: 20 }, (_, index) => ({
    设备编号: `noise-${tag}-${index}`,
    类型: index % 2 ? 'noise_meter' : '噪声监测仪',
    纬度: 23.108,
    经度: 113.27 + index * 0.0001,
    街道: '江南中街道',
    声环境功能区: index % 2 ? '4a类' : 1,
    备注: '灯杆',
  })),
];

describe('device import', () => {
  it('gives admins a template with the headers, an example and the types, streets and zones', async () => {
    const response = await t.http
      .get('/api/devices/import/template')
      .set(auth(admin))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('设备导入模板.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    expect(workbook.getWorksheet('设备')!.getRow(1).values).toEqual([undefined, ...deviceImportHeaders]);
    const choices = workbook.getWorksheet('可选值')!;
    const column = (index: number) => choices.getColumn(index).values.filter(Boolean);
    expect(column(1)).toEqual(['类型', '噪声监测仪', '充电检测器', '烟感探测器']);
    expect(column(2)).toContain('华洲街道');
    expect(column(3)).toEqual(['声环境功能区', '0', '1', '2', '3', '4a', '4b']);

    // The example row left in is refused with a word.
    const example = resultOf(
      (await upload('/api/devices/import/preview', response.body as Buffer, 'template.xlsx').expect(200))
        .body,
    );
    expect(example.rows[0]).toMatchObject({ status: 'invalid', errors: [{ message: /示例行/ }] });
  });

  it('previews bad rows with their errors, row by row, and writes nothing', async () => {
    await t.http
      .post('/api/devices')
      .set(auth(admin))
      .send({
        id: `taken-${tag}`,
        type: 'noise_meter',
        street: '赤岗街道',
        lat: 23.1,
        lng: 113.31,
        zoneClass: '2',
      })
      .expect(201);
    const bad: Cells[] = [
      { 设备编号: `ok-${tag}`, 类型: '充电检测器', 住户: householdId },
      { 设备编号: `kind-${tag}`, 类型: '摄像头', 纬度: 23.108, 经度: 113.27 },
      { 设备编号: `ok-${tag}`, 类型: '烟感', 住户: householdId },
      { 设备编号: `taken-${tag}`, 类型: '噪声监测仪', 纬度: 23.1, 经度: 113.31, 声环境功能区: '2' },
      { 设备编号: `nohh-${tag}`, 类型: '烟感探测器', 住户: '不存在的地址' },
      { 设备编号: `far-${tag}`, 类型: '噪声监测仪', 纬度: 39.9, 经度: 116.4, 声环境功能区: '1' },
      {
        设备编号: `street-${tag}`,
        类型: '噪声监测仪',
        纬度: 23.108,
        经度: 113.27,
        街道: '华洲街道',
        声环境功能区: '1',
      },
      { 设备编号: `zone-${tag}`, 类型: '噪声监测仪', 纬度: 23.108, 经度: 113.27 },
      { 设备编号: `nopin-${tag}`, 类型: '烟感探测器', 住户: `${householdId}-nopin` },
      { 设备编号: 'bad/id', 类型: '烟感探测器', 住户: householdId },
      { 设备编号: `smoke-nohh-${tag}`, 类型: '烟感探测器', 纬度: 23.093, 经度: 113.352 },
    ];
    const result = resultOf(
      (await upload('/api/devices/import/preview', await xlsxOf(bad), 'devices.xlsx').expect(200)).body,
    );
    expect(result.committed).toBe(false);
    expect(result.totals).toEqual({ rows: 11, ready: 1, created: 0, alreadyImported: 0, invalid: 10 });
    const errorOf = (row: number) => result.rows.find((entry) => entry.row === row)!.errors;
    expect(result.rows[0]).toMatchObject({
      row: 2,
      status: 'ready',
      device: { type: 'charging_detector', streetId: 'huazhou', lat: 23.093, lng: 113.352, householdId },
    });
    expect(errorOf(3)).toEqual([{ path: '类型', message: expect.stringMatching(/不认识的类型：摄像头/) }]);
    expect(errorOf(4)).toEqual([{ path: '设备编号', message: '与第 2 行的设备编号重复' }]);
    expect(errorOf(5)).toEqual([{ path: '设备编号', message: expect.stringMatching(/已经登记/) }]);
    expect(errorOf(6)).toEqual([{ path: '住户', message: expect.stringMatching(/找不到住户/) }]);
    expect(errorOf(7)).toEqual([{ path: '纬度', message: '该位置不在本区任何一个街道内' }]);
    expect(errorOf(8)).toEqual([{ path: '街道', message: expect.stringMatching(/不在华洲街道/) }]);
    expect(errorOf(9)).toEqual([{ path: '声环境功能区', message: expect.stringMatching(/需要/) }]);
    expect(errorOf(10)).toEqual([{ path: '纬度', message: expect.stringMatching(/没有位置/) }]);
    expect(errorOf(11)[0]!.path).toBe('设备编号');
    expect(errorOf(12)).toEqual([{ path: '住户', message: expect.stringMatching(/请填写住户/) }]);
    await t.http.get(`/api/devices/ok-${tag}`).set(auth(admin)).expect(404);

    // A street's administrator imports into their street only.
    const streetAdmin = (await t.loginAs('admin', '赤岗设备管理员', '赤岗街道')).token;
    const scoped = resultOf(
      (
        await upload(
          '/api/devices/import/preview',
          await xlsxOf([
            { 设备编号: `cg-${tag}`, 类型: '噪声监测仪', 纬度: 23.1, 经度: 113.31, 声环境功能区: '2' },
            { 设备编号: `hz-${tag}`, 类型: '烟感探测器', 住户: householdId },
          ]),
          'devices.xlsx',
          streetAdmin,
        ).expect(200)
      ).body,
    );
    expect(scoped.rows.map((row) => row.status)).toEqual(['ready', 'invalid']);
    expect(scoped.rows[1]!.errors[0]!.message).toBe('只能导入本街道（赤岗街道）的设备');
  });

  it('reads a CSV saved as GB18030 (Excel on a Chinese Windows)', async () => {
    // 设备编号,类型,纬度,经度,声环境功能区 / <id>,噪声监测仪,23.108,113.27,1
    const csv = Buffer.concat([
      Buffer.from('c9e8b1b8b1e0bac52cc0e0d0cd2cceb3b6c82cbeadb6c82cc9f9bbb7beb3b9a6c4dcc7f80d0a', 'hex'),
      Buffer.from(`gb-${tag},`),
      Buffer.from('d4ebc9f9bce0b2e2d2c7', 'hex'),
      Buffer.from(',23.108,113.27,1\r\n'),
    ]);
    const result = resultOf(
      (await upload('/api/devices/import/preview', csv, 'devices.csv').expect(200)).body,
    );
    expect(result.rows[0]).toMatchObject({
      status: 'ready',
      device: { id: `gb-${tag}`, type: 'noise_meter', zoneClass: '1', streetName: '江南中街道' },
    });
  });

  it('imports 50 devices whose secrets, given once in a workbook, log in to the broker and report', async () => {
    const file = await xlsxOf(fleet);
    const response = await upload('/api/devices/import', file, 'devices.xlsx').expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const result = resultOf(response.body);
    expect(result.totals).toEqual({ rows: 50, ready: 0, created: 50, alreadyImported: 0, invalid: 0 });
    const secrets = await secretsOf(result);
    expect(secrets.size).toBe(50);
    const [username, clientId, secret, broker] = secrets.get(`smoke-${tag}-0`)!;
    expect([username, clientId, broker]).toEqual([
      `smoke-${tag}-0`,
      `smoke-${tag}-0`,
      'mqtts://devices.example:8883',
    ]);
    expect(secret!.length).toBeGreaterThanOrEqual(32);
    // The answer's rows carry no secret: the workbook is its only place.
    expect(JSON.stringify(result.rows)).not.toContain(secret);

    const smoke = deviceSchema.parse(
      (await t.http.get(`/api/devices/smoke-${tag}-3`).set(auth(admin)).expect(200)).body,
    );
    expect(smoke).toMatchObject({
      type: 'smoke_detector',
      householdId,
      streetId: 'huazhou',
      location: { lat: 23.093, lng: 113.352 },
      building: '1栋',
      site: '104室',
    });
    expect((await t.http.get(`/api/devices/noise-${tag}-1`).set(auth(admin)).expect(200)).body).toMatchObject(
      { zoneClass: '4a', streetId: 'jiangnanzhong' },
    );

    for (const [id, [, , deviceSecret]] of secrets)
      expect([id, await canConnect(id, deviceSecret!)]).toEqual([id, true]);
    expect(await canConnect(`noise-${tag}-0`, secrets.get(`noise-${tag}-1`)![2]!)).toBe(false);

    // One meter reports with its imported secret, and its reading is accepted.
    const meterId = `noise-${tag}-0`;
    const meter = await mqtt.connectAsync(t.config.MQTT_URL, {
      clientId: meterId,
      username: meterId,
      password: secrets.get(meterId)![2]!,
      reconnectPeriod: 0,
    });
    await meter.publishAsync(
      `devices/${meterId}/telemetry`,
      JSON.stringify({ ts: t.clock.now().getTime(), seq: 1, leq: 58.5 }),
      { qos: 1 },
    );
    await meter.endAsync();
    await eventually(async () => {
      const device = deviceSchema.parse((await t.http.get(`/api/devices/${meterId}`).set(auth(admin))).body);
      return device.lastReading?.leq === 58.5;
    });

    // The audit log has the import, and no secret.
    const audit = auditEntryListSchema.parse(
      (await t.http.get('/api/audit?action=device.import').set(auth(admin)).expect(200)).body,
    );
    expect(audit.items[0]).toMatchObject({ action: 'device.import', outcome: 'done', status: 200 });
    for (const [, [, , deviceSecret]] of secrets) expect(JSON.stringify(audit)).not.toContain(deviceSecret);
  });

  it('creates nothing twice on a retry, and does not show a delivered secret again', async () => {
    const before = (await t.http.get('/api/devices?limit=1').set(auth(admin)).expect(200)).body
      .total as number;
    const preview = resultOf(
      (await upload('/api/devices/import/preview', await xlsxOf(fleet), 'devices.xlsx').expect(200)).body,
    );
    expect(preview.totals).toMatchObject({ ready: 0, alreadyImported: 50 });
    const retry = resultOf(
      (await upload('/api/devices/import', await xlsxOf(fleet), 'devices.xlsx').expect(200)).body,
    );
    expect(retry.totals).toEqual({ rows: 50, ready: 0, created: 0, alreadyImported: 50, invalid: 0 });
    expect(retry.secretsWorkbook).toBeUndefined();
    expect(retry.rows[0]!.note).toMatch(/不再显示.*重置密钥/);
    expect((await t.http.get('/api/devices?limit=1').set(auth(admin)).expect(200)).body.total).toBe(before);

    // The same id with another household or place is not this file's device: refused, not merged.
    const moved = resultOf(
      (
        await upload(
          '/api/devices/import',
          await xlsxOf([{ ...fleet[30]!, 纬度: 23.1081 }]),
          'devices.xlsx',
        ).expect(200)
      ).body,
    );
    expect(moved.rows[0]).toMatchObject({ status: 'invalid', errors: [{ path: '设备编号' }] });
  });

  it('re-keys, on a retry, devices an interrupted import created but never gave the secrets of', async () => {
    const rows = fleet.slice(0, 5).map((row) => ({ ...row, 设备编号: `${String(row.设备编号)}-cut` }));
    const first = resultOf(
      (await upload('/api/devices/import', await xlsxOf(rows), 'devices.xlsx').expect(200)).body,
    );
    const lost = await secretsOf(first);
    // As a BFF that crashed after the broker accounts and before its answer leaves them: still pending.
    await t.mongo
      .collection('devices')
      .updateMany(
        { _id: { $in: [...lost.keys()] } as never },
        { $set: { secretPendingAttempt: 'crashed-attempt', secretPendingSince: t.clock.now() } },
      );

    // Straight away, that attempt might still be running: the rows wait rather than race it.
    const tooSoon = resultOf(
      (await upload('/api/devices/import', await xlsxOf(rows), 'devices.xlsx').expect(200)).body,
    );
    expect(tooSoon.totals).toMatchObject({ created: 0, invalid: 5 });
    expect(tooSoon.rows[0]!.errors[0]!.message).toMatch(/另一次导入/);

    t.clock.advance(3 * 60_000);
    const preview = resultOf(
      (await upload('/api/devices/import/preview', await xlsxOf(rows), 'devices.xlsx').expect(200)).body,
    );
    expect(preview.rows[0]).toMatchObject({ status: 'ready', note: expect.stringMatching(/重新生成密钥/) });
    const retry = resultOf(
      (await upload('/api/devices/import', await xlsxOf(rows), 'devices.xlsx').expect(200)).body,
    );
    expect(retry.totals).toMatchObject({ created: 5, alreadyImported: 0 });
    const fresh = await secretsOf(retry);
    for (const [id, [, , secret]] of fresh) {
      expect(await canConnect(id, secret!)).toBe(true);
      expect(await canConnect(id, lost.get(id)![2]!)).toBe(false);
    }
    const again = resultOf(
      (await upload('/api/devices/import', await xlsxOf(rows), 'devices.xlsx').expect(200)).body,
    );
    expect(again.totals).toMatchObject({ created: 0, alreadyImported: 5 });
  });

  it('refuses street staff and files that are no sheet', async () => {
    const leader = await t.loginAs('squad_leader', '华洲中队长', '华洲街道');
    await upload('/api/devices/import/preview', await xlsxOf(fleet), 'devices.xlsx', leader.token).expect(
      403,
    );
    await upload('/api/devices/import', await xlsxOf(fleet), 'devices.xlsx', leader.token).expect(403);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await upload('/api/devices/import/preview', png, 'devices.xlsx').expect(415);
    const noHeader = await upload(
      '/api/devices/import/preview',
      Buffer.from('a,b\r\n1,2\r\n'),
      'd.csv',
    ).expect(422);
    expect(noHeader.body.error.message).toMatch(/找不到表头/);
  });
});
