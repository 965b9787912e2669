import { randomBytes } from 'node:crypto';
import type { Category, CategoryRevision } from '@jiefang/contracts';
import { categorySeeds } from '../../domain/categories';
import { startTestApp, type TestApp } from '../../testing/testApp';
import {
  auth,
  chigangSite,
  north,
  officerOnDuty,
  phonePhoto,
  submitReport,
} from '../../testing/reportFixtures';
import { loadDistrict } from '../district/district';
import { userModels } from '../users/userModel';
import { categoryModels } from './categoryModel';
import { categoryStore } from './categoryStore';
import { categoryCheckEveryMs } from './liveCategoryCatalogue';

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

describe('categories edited by administrators', () => {
  let app: TestApp;
  let admin: string;
  let adminId: string;
  let dispatcher: string;

  beforeAll(async () => {
    app = await startTestApp('categories', { background: false });
    ({ token: admin, userId: adminId } = await app.loginAs('admin', '区管理员'));
    ({ token: dispatcher } = await app.loginAs('dispatcher', '调度员'));
  });
  afterAll(() => app.close());

  const category = async (code: string, token = admin): Promise<Category> => {
    const response = await app.http.get('/api/categories/all').set(auth(token)).expect(200);
    const found = (response.body.items as Category[]).find((item) => item.code === code);
    if (!found) throw new Error(`no category ${code}`);
    return found;
  };
  const edit = (code: string, body: Record<string, unknown>, token = admin) =>
    app.http.patch(`/api/categories/${code}`).set(auth(token)).send(body);

  test('the shipped categories are seeded on first start, enabled, with icons and version 1', async () => {
    const response = await app.http.get('/api/categories').expect(200);
    expect(response.body.items).toHaveLength(categorySeeds().length);
    expect(response.body.items[0]).toMatchObject({
      code: 'street_vending',
      name: '占道经营',
      icon: 'cart',
      enabled: true,
      version: 1,
    });
    expect(await categoryModels(app.mongo).Category.countDocuments()).toBe(categorySeeds().length);
  });

  test('an edit applies to the next report; a ticket keeps the name and SLA it was reported under', async () => {
    const first = await app.loginAs('resident', '街坊甲');
    const before = await submitReport(app, first.token, {}, 201);
    expect(before.body).toMatchObject({ categoryName: '占道经营' });
    expect(minutesBetween(before.body.reportedAt, before.body.deadlines.breachAt)).toBe(15);

    const current = await category('street_vending');
    const edited = await edit('street_vending', {
      expectedVersion: current.version,
      name: '流动摊贩',
      icon: 'warning',
      departmentName: '城管执法大队',
      onSiteSlaMinutes: 40,
    }).expect(200);
    expect(edited.body).toMatchObject({
      name: '流动摊贩',
      onSiteSlaMinutes: 40,
      version: current.version + 1,
    });

    const second = await app.loginAs('resident', '街坊乙');
    const after = await submitReport(app, second.token, { ...north(chigangSite, 400) }, 201);
    expect(after.body.id).not.toBe(before.body.id);
    expect(after.body).toMatchObject({ categoryName: '流动摊贩' });
    expect(minutesBetween(after.body.reportedAt, after.body.deadlines.breachAt)).toBe(40);

    // The old ticket, seen by staff and by its reporter, is still what it was reported as.
    const old = await app.http
      .get(`/api/tickets/${before.body.id as string}`)
      .set(auth(dispatcher))
      .expect(200);
    expect(old.body).toMatchObject({ categoryName: '占道经营' });
    expect(minutesBetween(old.body.reportedAt, old.body.deadlines.breachAt)).toBe(15);
    const own = await app.http
      .get(`/api/reports/${before.body.id as string}`)
      .set(auth(first.token))
      .expect(200);
    expect(own.body).toMatchObject({ categoryName: '占道经营' });

    // The export names each ticket as it was reported, with its department and SLA then.
    const csv = await app.http
      .get('/api/exports/tickets.csv?from=2026-11-01&to=2026-11-30')
      .set(auth(dispatcher))
      .buffer(true)
      .expect(200);
    const lines = csv.text.split('\n');
    const lineOf = (id: string) => lines.find((line) => line.startsWith(id)) ?? '';
    expect(lineOf(before.body.id as string)).toMatch(/占道经营,城管执法,.*,15,/);
    expect(lineOf(after.body.id as string)).toMatch(/流动摊贩,城管执法大队,.*,40,/);
  });

  test('an edit made over a newer one is refused with 409 and the current category', async () => {
    const current = await category('garbage');
    await edit('garbage', { expectedVersion: current.version, onSiteSlaMinutes: 45 }).expect(200);
    const stale = await edit('garbage', { expectedVersion: current.version, name: '垃圾' }).expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'conflict',
      details: { currentVersion: current.version + 1, current: { onSiteSlaMinutes: 45 } },
    });
    expect(await category('garbage')).toMatchObject({ name: current.name, onSiteSlaMinutes: 45 });
  });

  test('edits outside the limits, of unknown categories or with nothing to change are refused', async () => {
    const { version } = await category('noise');
    for (const body of [
      { expectedVersion: version, name: '' },
      { expectedVersion: version, name: '一'.repeat(21) },
      { expectedVersion: version, onSiteSlaMinutes: 4 },
      { expectedVersion: version, onSiteSlaMinutes: 1441 },
      { expectedVersion: version, icon: 'rocket' },
      { expectedVersion: version, department: 'police' },
      { expectedVersion: version, code: 'other' },
      { expectedVersion: version },
      { name: '噪音' },
    ])
      await edit('noise', body).expect(400);
    await edit('no_such_thing', { expectedVersion: 1, name: '新' }).expect(404);
    await app.http.get('/api/categories/no_such_thing/revisions').set(auth(admin)).expect(404);
    expect(await category('noise')).toMatchObject({ version, name: '噪音扰民' });
  });

  test('a street administrator may not edit a category of the whole district', async () => {
    const streetAdmin = await app.loginAs('admin', '街道管理员');
    const streetId = loadDistrict().features[0]!.properties.id;
    await userModels(app.mongo).User.updateOne({ _id: streetAdmin.userId }, { $set: { streetId } });
    const { version } = await category('oil_fume');
    const refused = await edit('oil_fume', { expectedVersion: version, name: '餐饮油烟' }, streetAdmin.token);
    expect(refused.status).toBe(403);
    await edit('oil_fume', { expectedVersion: version, name: '餐饮油烟' }, dispatcher).expect(403);
  });

  test('a disabled category is not offered and takes no new reports; its open tickets go on', async () => {
    const resident = await app.loginAs('resident', '街坊丙');
    const open = await submitReport(app, resident.token, { category: 'fallen_tree' }, 201);
    const { version } = await category('fallen_tree');
    await edit('fallen_tree', { expectedVersion: version, enabled: false }).expect(200);

    const offered = await app.http.get('/api/categories').expect(200);
    expect((offered.body.items as Category[]).map((item) => item.code)).not.toContain('fallen_tree');
    expect(await category('fallen_tree')).toMatchObject({ enabled: false });

    const other = await app.loginAs('resident', '街坊丁');
    const refused = await submitReport(app, other.token, {
      category: 'fallen_tree',
      ...north(chigangSite, 900),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'unprocessable',
      message: '该类问题已暂停受理，请选择其他分类',
      details: { reason: 'category_disabled', category: 'fallen_tree' },
    });

    // The open ticket can still be handled: a dispatcher closes it as usual.
    await app.http
      .post(`/api/tickets/${open.body.id as string}/close`)
      .set(auth(dispatcher))
      .send({ kind: 'invalid', reason: '现场无倒伏树木' })
      .expect(200);

    await edit('fallen_tree', { expectedVersion: version + 1, enabled: true }).expect(200);
    await submitReport(app, other.token, { category: 'fallen_tree', ...north(chigangSite, 900) }, 201);
  });

  test('every change is recorded: who, when, before and after, newest first', async () => {
    const { version } = await category('manhole_cover');
    await edit('manhole_cover', { expectedVersion: version, priority: 'high' }).expect(200);
    app.clock.advance(60_000);
    await edit('manhole_cover', {
      expectedVersion: version + 1,
      priority: 'urgent',
      name: '井盖缺损',
    }).expect(200);
    // Sending the values it already has changes nothing and records nothing.
    await edit('manhole_cover', { expectedVersion: version + 2, name: '井盖缺损' }).expect(200);

    const response = await app.http
      .get('/api/categories/manhole_cover/revisions')
      .set(auth(admin))
      .expect(200);
    const items = response.body.items as CategoryRevision[];
    expect(items.map((item) => item.version)).toEqual([version + 2, version + 1]);
    expect(items[0]).toMatchObject({
      byId: adminId,
      byName: '区管理员',
      changed: ['name', 'priority'],
      before: { name: '井盖缺失', priority: 'high', version: version + 1 },
      after: { name: '井盖缺损', priority: 'urgent', version: version + 2 },
    });
    expect(Date.parse(items[0]!.at) - Date.parse(items[1]!.at)).toBe(60_000);
  });

  test('seeding again, or twice at once, adds nothing and undoes no edit', async () => {
    const store = categoryStore(app.mongo, app.clock);
    await Promise.all([store.seed(categorySeeds()), store.seed(categorySeeds())]);
    expect(await categoryModels(app.mongo).Category.countDocuments()).toBe(categorySeeds().length);
    expect(await category('garbage')).toMatchObject({ onSiteSlaMinutes: 45 });
  });
});

describe('two BFFs on the same database and Redis', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const runId = `categories_shared_${randomBytes(4).toString('hex')}`;
    [first, second] = await Promise.all([
      startTestApp('categories-shared', { background: false, runId }),
      startTestApp('categories-shared', { background: false, runId }),
    ]);
  });
  afterAll(async () => {
    await second.close({ keepData: true });
    await first.close();
  });

  const names = async (t: TestApp) =>
    ((await t.http.get('/api/categories').expect(200)).body.items as Category[]).map((item) => item.name);

  test('both seed the empty database at once: each category is stored once', async () => {
    const [seenByFirst, seenBySecond] = await Promise.all([names(first), names(second)]);
    expect(seenByFirst).toEqual(seenBySecond);
    expect(seenByFirst).toHaveLength(categorySeeds().length);
    expect(await categoryModels(first.mongo).Category.countDocuments()).toBe(categorySeeds().length);
  });

  test('an edit on one is seen by the other within the check interval', async () => {
    const { token } = await first.loginAs('admin', '区管理员');
    expect(await names(second)).toContain('油烟');

    await first.http
      .patch('/api/categories/oil_fume')
      .set(auth(token))
      .send({ expectedVersion: 1, name: '餐饮油烟' })
      .expect(200);
    expect(await names(first)).toContain('餐饮油烟');

    // The other instance asks Redis at most every categoryCheckEveryMs (by its own clock).
    second.clock.advance(categoryCheckEveryMs - 1);
    expect(await names(second)).toContain('油烟');
    second.clock.advance(1);
    expect(await names(second)).toContain('餐饮油烟');
  });
});

describe('a reopened ticket', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('categories-reopen');
  });
  afterAll(() => t.close());

  test('starts its new on-site clock with the SLA it was reported under', async () => {
    const site = { lat: 23.106, lng: 113.333 };
    const officer = await officerOnDuty(t, '重开队员', north(site, 60));
    const resident = await t.loginAs('resident', '重开居民');
    const report = await submitReport(t, resident.token, { ...site, category: 'illegal_parking' }, 201);
    const ticketId = report.body.id as string;
    expect(report.body.assigneeId).toBe(officer.userId);
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(200);
    await t.http.post(`/api/tickets/${ticketId}/check-in`).set(auth(officer.token)).send(site).expect(200);
    await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .field('note', '车辆已驶离')
      .attach('photos', await phonePhoto(), 'after.jpg')
      .expect(200);

    const { token: admin } = await t.loginAs('admin', '区管理员');
    await t.http
      .patch('/api/categories/illegal_parking')
      .set(auth(admin))
      .send({ expectedVersion: 1, onSiteSlaMinutes: 50 })
      .expect(200);

    t.clock.advance(60 * 60_000);
    const reopened = await t.http
      .post(`/api/reports/${ticketId}/reopen`)
      .set(auth(resident.token))
      .send({ reason: '车又停回来了' })
      .expect(200);
    expect(minutesBetween(t.clock.now().toISOString(), reopened.body.deadlines.breachAt)).toBe(15);
    expect(reopened.body.categoryName).toBe('违停');
  });
});
