import { randomBytes } from 'node:crypto';
import {
  districtMapSchema,
  gridPreviewSchema,
  gridVersionListSchema,
  gridVersionSummarySchema,
} from '@jiefang/contracts';
import { huazhouGrids } from '../../testing/districtGridFixtures';
import { submitReport } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { householdModel } from '../households/householdModel';
import { ticketModel } from '../tickets/ticketModel';
import { userModels } from '../users/userModel';
import { gridsCheckEveryMs } from './liveDistrictGrids';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const files = huazhouGrids();
const preview = (t: TestApp, token: string, geojson: string, street = 'huazhou') =>
  t.http.post(`/api/district/streets/${street}/grids/preview`).set(auth(token)).send({ geojson });
const publish = (t: TestApp, token: string, geojson: string, baseVersion: number, street = 'huazhou') =>
  t.http.post(`/api/district/streets/${street}/grids`).set(auth(token)).send({ geojson, baseVersion });
const gridOfTicket = async (t: TestApp, id: string) =>
  (await ticketModel(t.mongo).findById(id).lean())?.gridId;

/** Two BFFs over the same database and Redis, as in production behind a load balancer. */
let first: TestApp;
let second: TestApp;
let admin: string;

beforeAll(async () => {
  const runId = `district_grids_${randomBytes(4).toString('hex')}`;
  [first, second] = await Promise.all([
    startTestApp('district-grids', { background: false, runId }),
    startTestApp('district-grids', { background: false, runId }),
  ]);
  ({ token: admin } = await first.loginAs('admin', '区管理员'));
});
afterAll(async () => {
  await second.close({ keepData: true });
  await first.close();
});

describe('辖区网格 uploads', () => {
  test('a preview of a grid reaching into the next one shows the overlap with its area and place, and writes nothing', async () => {
    const { body } = await preview(first, admin, files.overlapping).expect(200);
    const checked = gridPreviewSchema.parse(body);
    expect(checked.publishable).toBe(false);
    expect(checked.baseVersion).toBe(0);
    const overlap = checked.problems.find((problem) => problem.code === 'overlap');
    expect(overlap).toMatchObject({ gridId: 'huazhou-g1', otherGridId: 'huazhou-g2', severity: 'error' });
    expect(overlap!.areaM2).toBeGreaterThan(10_000);
    expect(overlap!.location![0]).toBeGreaterThan(113.36);
    expect(checked.changes).toMatchObject({ added: [], removed: [], changed: ['huazhou-g1'] });
    expect(checked.current).toHaveLength(3);

    const refused = await publish(first, admin, files.overlapping, 0).expect(422);
    expect(refused.body.error.details.problems.map((problem: { code: string }) => problem.code)).toContain(
      'overlap',
    );
    const versions = await first.http.get('/api/district/streets/huazhou/grids/versions').set(auth(admin));
    expect(gridVersionListSchema.parse(versions.body)).toEqual({ current: 0, items: [] });
  });

  test('a preview names who and what refer to a grid that would disappear', async () => {
    const { User } = userModels(first.mongo);
    const worker = await first.loginAs('community_worker', '网格员小周', '华洲街道');
    await User.updateOne({ _id: worker.userId }, { $set: { gridId: 'huazhou-g3' } });
    await householdModel(first.mongo).create({
      _id: 'household-grid-impact',
      streetId: 'huazhou',
      address: '华洲路 1 号',
      gridId: 'huazhou-g3',
      ownerIds: [],
      contacts: [],
      chargingAlarmIds: [],
      createdAt: first.clock.now(),
    });
    const withoutG3 = JSON.parse(files.shipped) as { features: Array<{ properties: { id: string } }> };
    withoutG3.features = withoutG3.features.filter((feature) => feature.properties.id !== 'huazhou-g3');
    const { body } = await preview(first, admin, JSON.stringify(withoutG3)).expect(200);
    const checked = gridPreviewSchema.parse(body);
    expect(checked.changes.removed).toEqual(['huazhou-g3']);
    expect(checked.problems.map((problem) => problem.code)).toEqual(['gap']);
    expect(checked.impact.workers).toEqual([{ id: worker.userId, name: '网格员小周', gridId: 'huazhou-g3' }]);
    expect(checked.impact.households).toEqual([
      { id: 'household-grid-impact', address: '华洲路 1 号', gridId: 'huazhou-g3' },
    ]);
  });

  test('a file that is not GeoJSON is a problem to show, not a failure; a body over 2 MB is refused', async () => {
    const { body } = await preview(first, admin, '{"type": "Feature"').expect(200);
    expect(gridPreviewSchema.parse(body).problems).toEqual([
      expect.objectContaining({ code: 'schema', message: '文件不是有效的 JSON' }),
    ]);
    await preview(first, admin, ' '.repeat(2 * 1024 * 1024 + 1)).expect(400);
  });

  test('only administrators; a street administrator only for their own street', async () => {
    const dispatcher = await first.loginAs('dispatcher', '调度员');
    await preview(first, dispatcher.token, files.split).expect(403);
    const streetAdmin = await first.loginAs('admin', '赤岗街道管理员');
    await userModels(first.mongo).User.updateOne(
      { _id: streetAdmin.userId },
      { $set: { streetId: 'chigang' } },
    );
    await preview(first, streetAdmin.token, files.split).expect(403);
    await publish(first, streetAdmin.token, files.split, 0).expect(403);
    await first.http
      .get('/api/district/streets/huazhou/grids/versions')
      .set(auth(streetAdmin.token))
      .expect(403);
    await preview(first, admin, files.split, 'nowhere').expect(404);
  });

  test('publishing a split grid: the other BFF routes the next report to the new grid after the check interval', async () => {
    const resident = await second.loginAs('resident', '华洲街坊');
    // Each report of another category, so none joins an earlier one at the same place.
    const before = await submitReport(
      second,
      resident.token,
      { ...files.splitSite, category: 'garbage' },
      201,
    );
    expect(await gridOfTicket(second, before.body.id)).toBe('huazhou-g1');
    const { etag } = (await second.http.get('/api/district').expect(200)).headers;
    expect(etag).toBeDefined();
    await second.http.get('/api/district').set('If-None-Match', etag!).expect(304);

    const checked = gridPreviewSchema.parse((await preview(first, admin, files.split).expect(200)).body);
    expect(checked.problems).toEqual([]);
    expect(checked.changes).toMatchObject({ added: ['huazhou-g4'], changed: ['huazhou-g1'], removed: [] });
    const published = await publish(first, admin, files.split, checked.baseVersion).expect(201);
    expect(gridVersionSummarySchema.parse(published.body)).toMatchObject({
      streetId: 'huazhou',
      version: 1,
      grids: 4,
      added: ['huazhou-g4'],
      changed: ['huazhou-g1'],
    });
    // The publishing instance uses it at once.
    const onFirst = await submitReport(
      first,
      resident.token,
      { ...files.splitSite, category: 'road_damage' },
      201,
    );
    expect(await gridOfTicket(first, onFirst.body.id)).toBe('huazhou-g4');

    // The other asks Redis at most every gridsCheckEveryMs (by its own clock).
    second.clock.advance(gridsCheckEveryMs - 1);
    const stale = await submitReport(
      second,
      resident.token,
      { ...files.splitSite, category: 'fallen_tree' },
      201,
    );
    expect(await gridOfTicket(second, stale.body.id)).toBe('huazhou-g1');
    second.clock.advance(1);
    const fresh = await submitReport(
      second,
      resident.token,
      { ...files.splitSite, category: 'manhole_cover' },
      201,
    );
    expect(await gridOfTicket(second, fresh.body.id)).toBe('huazhou-g4');

    const map = await second.http.get('/api/district').set('If-None-Match', etag!).expect(200);
    expect(map.headers['cache-control']).toBe('no-cache');
    const grids = districtMapSchema
      .parse(map.body)
      .grids.filter((grid) => grid.properties.streetId === 'huazhou');
    expect(grids.map((grid) => grid.properties.id)).toEqual([
      'huazhou-g1',
      'huazhou-g2',
      'huazhou-g3',
      'huazhou-g4',
    ]);

    const history = gridVersionListSchema.parse(
      (await second.http.get('/api/district/streets/huazhou/grids/versions').set(auth(admin)).expect(200))
        .body,
    );
    expect(history.current).toBe(1);
    expect(history.items).toEqual([expect.objectContaining({ version: 1, byName: '区管理员' })]);
  });

  test('a publication made against an older version is refused with 409', async () => {
    const again = await publish(first, admin, files.shipped, 0).expect(409);
    expect(again.body.error.details).toEqual({ currentVersion: 1 });
    // A grid id may not be taken from another street.
    const stolen = files.shipped.replaceAll('huazhou-g3', 'chigang-g1');
    const { body } = await preview(first, admin, stolen).expect(200);
    expect(gridPreviewSchema.parse(body).problems).toContainEqual(
      expect.objectContaining({ code: 'duplicate_id', gridId: 'chigang-g1' }),
    );
  });

  test('publishing is in the audit log, and so is the street administrator refused', async () => {
    const { body } = await first.http
      .get('/api/audit?action=district.grids-publish')
      .set(auth(admin))
      .expect(200);
    expect(body.items.map((entry: { outcome: string }) => entry.outcome).sort()).toEqual(['done', 'refused']);
    expect(body.items.filter((entry: { outcome: string }) => entry.outcome === 'done')).toEqual([
      expect.objectContaining({
        action: 'district.grids-publish',
        target: { kind: 'street', id: 'huazhou' },
        streetId: 'huazhou',
        outcome: 'done',
      }),
    ]);
  });

  test('two administrators publishing on the same version at once: one lands, the other gets 409', async () => {
    const answers = await Promise.all([
      publish(first, admin, files.split, 1),
      publish(second, admin, files.shipped, 1),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const history = await first.http.get('/api/district/streets/huazhou/grids/versions').set(auth(admin));
    expect(gridVersionListSchema.parse(history.body).current).toBe(2);
  });
});
