import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { categoryCatalogue } from '../../domain/categories';
import { utf8Bom } from '../../domain/spreadsheetCells';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, submitReport } from '../../testing/reportFixtures';
import { loadDistrict } from '../district/district';
import { ticketStore, type TicketExportRow } from '../tickets/ticketStore';
import { exportDatasetSpecs } from './exportDatasets';
import { exportService } from './exportService';

/** Collects a download as bytes (supertest would otherwise try to parse it). */
const binary = (response: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return records;
}

const november = 'from=2026-11-01&to=2026-11-30';
const chigang = { lat: 23.1037, lng: 113.3171 };
const jiangnanzhong = { lat: 23.1065, lng: 113.2712 };

describe('monthly exports', () => {
  let t: TestApp;
  let dispatcher: { token: string; userId: string };
  let worker: { token: string; userId: string };
  let resident: { token: string; userId: string };
  const ids: Record<string, string> = {};

  const download = (path: string, token: string) =>
    t.http.get(path).set(auth(token)).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startTestApp('exports', { background: false });
    dispatcher = await t.loginAs('dispatcher', '导出调度员');
    worker = await t.loginAs('community_worker', '赤岗社工', '赤岗街道');
    resident = await t.loginAs('resident', '导出居民');
    const first = await submitReport(
      t,
      resident.token,
      { ...chigang, category: 'garbage', description: '=HYPERLINK("http://x","点我")，堆了三天, 很臭' },
      201,
    );
    const second = await submitReport(t, resident.token, { ...chigang, category: 'road_damage' }, 201);
    const other = await submitReport(t, resident.token, { ...jiangnanzhong, category: 'noise' }, 201);
    ids.first = first.body.id;
    ids.second = second.body.id;
    ids.other = other.body.id;
    await t.http
      .post(`/api/tickets/${ids.second}/close`)
      .set(auth(dispatcher.token))
      .send({ kind: 'not_ours', reason: '属市政管养', passedTo: '市政管养所' })
      .expect(200);
    // A ticket of October stays out of November's report.
    await t.mongo.collection('tickets').insertOne({
      ...(await t.mongo
        .collection('tickets')
        .findOne({ _id: ids.first as never }, { projection: { _id: 0 } })),
      _id: 'october-ticket' as never,
      reportedAt: new Date('2026-10-31T15:59:00Z'),
    });

    const openedAt = new Date('2026-11-20T02:00:00Z');
    await t.mongo
      .collection('alarms')
      .insertMany([
        alarm('alarm-chigang', 'chigang', 'smoke', openedAt),
        alarm('alarm-jnz', 'jiangnanzhong', 'noise_exceeded', openedAt),
      ] as never[]);
    await t.mongo
      .collection('escorts')
      .insertMany([
        escort('escort-chigang', 'chigang', '志愿者甲', new Date('2026-11-10T01:00:00Z'), 95),
        escort('escort-jnz', 'jiangnanzhong', '志愿者乙', new Date('2026-11-11T01:00:00Z'), 60),
      ] as never[]);
  });
  afterAll(() => t.close());

  it('gives the district an Excel workbook of tickets with Chinese headers and a 月报 sheet', async () => {
    const response = await download(`/api/exports/tickets.xlsx?${november}`, dispatcher.token).expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('全区工单_2026-11-01至2026-11-30.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Buffer);
    const sheet = workbook.getWorksheet('工单');
    const rows = sheetRows(sheet);
    expect(rows[0]?.slice(0, 8)).toEqual([
      '工单编号',
      '街道',
      '网格',
      '类别',
      '责任部门',
      '优先级',
      '状态',
      '上报时间',
    ]);
    const byId = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect([...byId.keys()].sort()).toEqual([ids.first, ids.second, ids.other].sort());
    const closed = byId.get(ids.second) as unknown[];
    const column = (header: string) => (rows[0] as unknown[]).indexOf(header);
    expect(closed[column('状态')]).toBe('已关闭');
    expect(closed[column('关闭类型')]).toBe('非本单位职责');
    expect(closed[column('移交单位')]).toBe('市政管养所');
    expect(byId.get(ids.other)?.[column('街道')]).toBe('江南中街道');
    // Beijing time: the ManualClock's 08:00 in Beijing.
    expect(byId.get(ids.first)?.[column('上报时间')]).toBe('2026-11-23 08:00');
    // Who reported is not exported.
    expect(JSON.stringify(rows)).not.toContain(resident.userId);
    expect(JSON.stringify(rows)).not.toContain('导出居民');

    const report = sheetRows(workbook.getWorksheet('月报'));
    const after = (title: string) => report.slice(report.findIndex((row) => row[0] === title) + 2);
    expect(report[0]?.[0]).toBe('全区工单月报');
    expect(after('按状态').find((row) => row[0] === '已关闭')?.[1]).toBe(1);
    expect(after('按状态').find((row) => row[0] === '合计')?.[1]).toBe(3);
    const streets = after('按街道');
    expect(streets.find((row) => row[0] === '赤岗街道')?.slice(1, 5)).toEqual([2, 1, 0, 1]);
    expect(streets.find((row) => row[0] === '江南中街道')?.[1]).toBe(1);
  });

  it('gives a community worker their street as CSV, Excel-readable and safe to open', async () => {
    const response = await download(`/api/exports/tickets.csv?${november}`, worker.token).expect(200);
    const text = (response.body as Buffer).toString('utf8');
    expect(text.startsWith(utf8Bom)).toBe(true);
    const [headers, ...rows] = parseCsv(text.slice(1));
    expect(headers?.[0]).toBe('工单编号');
    expect(rows.map((row) => row[0]).sort()).toEqual([ids.first, ids.second].sort());
    const description = (headers as string[]).indexOf('问题描述');
    const first = rows.find((row) => row[0] === ids.first) as string[];
    // Commas and quotes survive the round trip; the formula is disarmed.
    expect(first[description]).toBe(`'=HYPERLINK("http://x","点我")，堆了三天, 很臭`);
    // Nobody was on duty: it waits for a dispatcher.
    expect(first[(headers as string[]).indexOf('状态')]).toBe('待派单');

    await download(`/api/exports/tickets.csv?${november}&street=jiangnanzhong`, worker.token).expect(403);
  });

  it('limits a squad leader to their squad’s street and refuses officers, unknown streets and bad ranges', async () => {
    const leader = await t.loginAs('squad_leader', '江南中中队长', '江南中街道');
    const response = await download(`/api/exports/tickets.csv?${november}`, leader.token).expect(200);
    const rows = parseCsv((response.body as Buffer).toString('utf8').slice(1)).slice(1);
    expect(rows.map((row) => row[0])).toEqual([ids.other]);

    const officer = await t.loginAs('officer', '导出队员', '赤岗街道');
    await download(`/api/exports/tickets.csv?${november}`, officer.token).expect(403);
    await download(`/api/exports/tickets.csv?${november}`, resident.token).expect(403);
    await download(`/api/exports/tickets.csv?${november}&street=nowhere`, dispatcher.token).expect(400);
    await download('/api/exports/tickets.csv?from=2026-11-30&to=2026-11-01', dispatcher.token).expect(400);
    await download('/api/exports/tickets.csv?from=2025-01-01&to=2026-11-01', dispatcher.token).expect(400);
  });

  it('gives GIS users a GeoJSON FeatureCollection of points, without anyone’s words', async () => {
    const response = await download(
      `/api/exports/tickets.geojson?${november}&street=chigang`,
      dispatcher.token,
    ).expect(200);
    const collection = JSON.parse((response.body as Buffer).toString('utf8'));
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(2);
    for (const feature of collection.features) {
      expect(feature.type).toBe('Feature');
      expect(feature.geometry).toEqual({ type: 'Point', coordinates: [chigang.lng, chigang.lat] });
      expect(feature.properties.streetName).toBe('赤岗街道');
    }
    expect(JSON.stringify(collection)).not.toContain('HYPERLINK');
  });

  it('exports alarms and escort hours by street', async () => {
    const alarms = await download(`/api/exports/alarms.xlsx?${november}`, worker.token).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(alarms.body as Buffer);
    const alarmRows = sheetRows(workbook.getWorksheet('告警'));
    expect(alarmRows[0]?.slice(0, 4)).toEqual(['告警编号', '街道', '设备编号', '告警类型']);
    expect(alarmRows.slice(1).map((row) => [row[0], row[3], row[5]])).toEqual([
      ['alarm-chigang', '烟雾', '已解除'],
    ]);
    const alarmCsv = await download(`/api/exports/alarms.csv?${november}`, dispatcher.token).expect(200);
    expect(parseCsv((alarmCsv.body as Buffer).toString('utf8').slice(1))).toHaveLength(3);

    const hours = await download(`/api/exports/escort-hours.csv?${november}`, worker.token).expect(200);
    const [headers, ...rows] = parseCsv((hours.body as Buffer).toString('utf8').slice(1));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[(headers as string[]).indexOf('志愿者')]).toBe('志愿者甲');
    expect(rows[0]?.[(headers as string[]).indexOf('服务时长（分钟）')]).toBe('95');
    const hoursBook = new ExcelJS.Workbook();
    await hoursBook.xlsx.load(
      (await download(`/api/exports/escort-hours.xlsx?${november}`, dispatcher.token).expect(200))
        .body as Buffer,
    );
    const summary = sheetRows(hoursBook.getWorksheet('月报'));
    expect(summary.find((row) => row[0] === '合计')?.slice(1)).toEqual([2, 2, 2.6, 0]);
  });

  it('streams: the first bytes leave long before the last of a few thousand tickets is read', async () => {
    const many = 2000;
    const template = await t.mongo.collection('tickets').findOne({ _id: ids.first as never });
    const base = new Date('2026-11-05T00:00:00Z').getTime();
    const docs = Array.from({ length: many }, (_, index) => ({
      ...template,
      _id: `bulk-${String(index).padStart(5, '0')}`,
      reportedAt: new Date(base + index * 60_000),
    }));
    await t.mongo.collection('tickets').insertMany(docs as never[]);

    const store = ticketStore(t.mongo);
    let pulled = 0;
    let bytes = 0;
    let bytesWhenAllRead = 0;
    const counted = {
      reportedBetween: (window: Parameters<typeof store.reportedBetween>[0], batchSize: number) => ({
        async *[Symbol.asyncIterator](): AsyncGenerator<TicketExportRow> {
          for await (const row of store.reportedBetween(window, batchSize)) {
            pulled += 1;
            yield row;
          }
          bytesWhenAllRead = bytes;
        },
      }),
    };
    const service = exportService({
      sources: {
        tickets: counted,
        alarms: { openedBetween: () => (async function* () {})() },
        escorts: { completedBetween: () => (async function* () {})() },
      },
      specs: exportDatasetSpecs({ categories: categoryCatalogue(), district: loadDistrict() }),
      district: loadDistrict(),
      staff: { streetOf: async () => null },
      clock: t.clock,
      batchSize: 200,
    });
    for (const format of ['csv', 'xlsx'] as const) {
      pulled = 0;
      let pulledAtFirstByte: number | null = null;
      bytes = 0;
      const sink = new Writable({
        highWaterMark: 16 * 1024,
        write(chunk: Buffer, _encoding, done) {
          pulledAtFirstByte ??= pulled;
          bytes += chunk.length;
          // A client that takes each chunk on the next turn: backpressure holds the reading back.
          setImmediate(done);
        },
      });
      const prepared = await service.prepare(
        { userId: dispatcher.userId, roles: ['dispatcher'] },
        'tickets',
        format,
        { from: '2026-11-01', to: '2026-11-30' },
      );
      const finished = new Promise((resolve) => sink.on('finish', resolve));
      await prepared.write(sink);
      await finished;
      expect(pulled).toBeGreaterThanOrEqual(many);
      expect(bytes).toBeGreaterThan(50_000);
      expect(pulledAtFirstByte).not.toBeNull();
      expect(pulledAtFirstByte as unknown as number).toBeLessThan(many / 2);
      // Most of the file had left before the last ticket was read: nothing waited for the whole set.
      expect(bytesWhenAllRead).toBeGreaterThan(bytes / 2);
    }
  }, 150_000);
});

/** A worksheet's rows as plain values (row 1 first). */
function sheetRows(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  if (!sheet) throw new Error('no such sheet');
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

function alarm(id: string, streetId: string, type: string, openedAt: Date) {
  return {
    _id: id,
    openKey: id,
    deviceId: `device-${id}`,
    deviceType: type === 'smoke' ? 'smoke_detector' : 'noise_meter',
    type,
    status: 'cleared',
    severity: type === 'smoke' ? 'critical' : 'major',
    count: 1,
    lastSeq: 1,
    ticketId: null,
    streetId,
    site: null,
    householdId: null,
    location: chigang,
    openedAt,
    lastDetectedAt: openedAt,
    acknowledgedAt: null,
    clearedAt: new Date(openedAt.getTime() + 600_000),
    noise: null,
    confidence: 0.9,
    warnings: [],
    timeline: [],
    updatedAt: openedAt,
  };
}

function escort(id: string, streetId: string, volunteerName: string, start: Date, minutes: number) {
  return {
    _id: id,
    elderId: `elder-${id}`,
    elderName: '不导出的老人',
    elderNeeds: [],
    elderLocation: chigang,
    streetId,
    serviceType: 'hospital_escort',
    windowStart: start,
    windowEnd: new Date(start.getTime() + 3 * 3600_000),
    urgent: false,
    status: 'completed',
    volunteerId: `volunteer-${id}`,
    volunteerName,
    withdrawnBy: [],
    createdBy: 'someone',
    checkedInAt: start,
    completedAt: new Date(start.getTime() + minutes * 60_000),
    hoursReviewed: false,
    rating: null,
    sos: [],
    timeline: [],
    createdAt: start,
    updatedAt: start,
  };
}
