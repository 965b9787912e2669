import ExcelJS from 'exceljs';
import { householdImportResultSchema, householdListSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, chigangSite } from '../../testing/reportFixtures';

let t: TestApp;
let admin: string;
let worker: string;
const jiangnanSite = { lat: 23.108, lng: 113.27 };

beforeAll(async () => {
  t = await startTestApp('household_import', { background: false });
  admin = (await t.loginAs('admin', '管理员')).token;
  worker = (await t.loginAs('community_worker', '赤岗社工', '赤岗街道')).token;
});
afterAll(() => t.close());

/** An .xlsx as a street would fill it: a header row, then one household a row. */
async function sheet(rows: Array<Array<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet('住户');
  worksheet.addRow(['住户编号', '地址', '纬度', '经度', '联系人', '联系电话']);
  for (const row of rows) worksheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const importAs = (token: string, file: Buffer, commit: boolean, filename = 'households.xlsx') =>
  t.http
    .post(`/api/households/import${commit ? '?commit=1' : ''}`)
    .set(auth(token))
    .attach('file', file, filename);

describe('importing households from an .xlsx or .csv', () => {
  it('previews with per-row errors, commits the good rows, and commits nothing twice', async () => {
    const file = await sheet([
      ['', '赤岗路 10 号 101', chigangSite.lat, chigangSite.lng, '黄先生', '13800002222'],
      ['imp-typed-1', '赤岗路 10 号 102', chigangSite.lat, chigangSite.lng, '', ''],
      ['', '', chigangSite.lat, chigangSite.lng, '', ''],
      ['', '北京某处', 39.9, 116.4, '', ''],
      ['', '赤岗路 10 号 103', chigangSite.lat, chigangSite.lng, '陈小姐', '12345'],
      ['', '江南中 1 号', jiangnanSite.lat, jiangnanSite.lng, '', ''],
    ]);
    const preview = householdImportResultSchema.parse((await importAs(worker, file, false).expect(200)).body);
    expect(preview.committed).toBe(false);
    expect(preview.rows.map((row) => [row.row, row.outcome])).toEqual([
      [2, 'new'],
      [3, 'new'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
    ]);
    expect(preview.rows[0]).toMatchObject({ streetName: '赤岗街道', gridName: expect.any(String) as string });
    expect(preview.rows[2]?.errors).toEqual(['缺少地址']);
    expect(preview.rows[3]?.errors).toEqual(['该位置不在本区任何一个街道内']);
    expect(preview.rows[4]?.errors).toEqual(['联系电话不是手机号或带区号的座机号']);
    // A street's worker imports only their street.
    expect(preview.rows[5]?.errors).toEqual(['不在本街道内']);
    // The preview stored nothing.
    const before = householdListSchema.parse((await t.http.get('/api/households').set(auth(worker))).body);
    expect(before.items).toEqual([]);

    const committed = householdImportResultSchema.parse(
      (await importAs(worker, file, true).expect(200)).body,
    );
    expect(committed.counts).toEqual({ new: 2, exists: 0, error: 4 });
    const again = householdImportResultSchema.parse((await importAs(worker, file, true).expect(200)).body);
    expect(again.counts).toEqual({ new: 0, exists: 2, error: 4 });
    const after = householdListSchema.parse((await t.http.get('/api/households').set(auth(worker))).body);
    expect(after.items.map((item) => item.address).sort()).toEqual(['赤岗路 10 号 101', '赤岗路 10 号 102']);
    expect(after.items.find((item) => item.id === 'imp-typed-1')?.location).toEqual(chigangSite);
    expect(after.items.find((item) => item.address === '赤岗路 10 号 101')?.contacts).toEqual([
      { name: '黄先生', phone: '13800002222' },
    ]);
  });

  it('imports any street for an admin', async () => {
    const file = await sheet([['', '江南中 2 号', jiangnanSite.lat, jiangnanSite.lng, '', '']]);
    const result = householdImportResultSchema.parse((await importAs(admin, file, true).expect(200)).body);
    expect(result.rows[0]).toMatchObject({ outcome: 'new', streetName: '江南中街道' });
  });

  it('reads a CSV saved as UTF-8 or as GB18030 (Excel on a Chinese Windows)', async () => {
    const utf8 = Buffer.from(
      `\uFEFF地址,纬度,经度,联系人,联系电话\r\n赤岗路 12 号 201,${chigangSite.lat},${chigangSite.lng},李女士,13800003333\r\n`,
    );
    const first = householdImportResultSchema.parse(
      (await importAs(worker, utf8, true, 'households.csv').expect(200)).body,
    );
    expect(first.rows).toEqual([
      expect.objectContaining({ row: 2, address: '赤岗路 12 号 201', outcome: 'new' }),
    ]);

    // 地址,纬度,经度,联系人 / 赤岗路 12 号 301,23.1066,113.3245,黄先生 as Excel saves a CSV on a Chinese Windows.
    const gb18030 = Buffer.from(
      'b5d8d6b72cceb3b6c82cbeadb6c82cc1aacfb5c8cb0d0ab3e0b8dac2b720313220bac5203330312c32332e313036362c3131332e333234352cbbc6cfc8c9fa0d0a',
      'hex',
    );
    const second = householdImportResultSchema.parse(
      (await importAs(worker, gb18030, true, 'households.csv').expect(200)).body,
    );
    expect(second.rows).toEqual([expect.objectContaining({ address: '赤岗路 12 号 301', outcome: 'new' })]);
    const list = householdListSchema.parse((await t.http.get('/api/households').set(auth(worker))).body);
    expect(list.items.find((item) => item.address === '赤岗路 12 号 301')?.contacts).toEqual([
      { name: '黄先生', phone: '' },
    ]);
  });

  it('refuses a file that is no spreadsheet, lacks a column, or is not sent as multipart', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await importAs(admin, png, false, 'households.xlsx').expect(415)).body.error.code).toBe(
      'unsupported_media_type',
    );
    const noLongitude = await importAs(admin, Buffer.from('地址,纬度\n某处,23.1\n'), false, 'h.csv').expect(
      422,
    );
    expect(noLongitude.body.error.details.fields).toEqual([{ path: '经度', message: '缺少“经度”列' }]);
    await t.http
      .post('/api/households/import')
      .set(auth(admin))
      .send({ file: 'aGVsbG8=', commit: true })
      .expect(415);
    await t.http
      .post('/api/households/import?commit=yes')
      .set(auth(admin))
      .attach('file', png, 'h.xlsx')
      .expect(400);
  });
});
