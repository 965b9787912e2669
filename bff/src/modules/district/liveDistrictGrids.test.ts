import { ManualClock } from '../../infra/clock';
import { createLogger } from '../../infra/logger';
import { gridFor, gridsOfStreet, loadDistrict } from './district';
import type { GridVersionDocument } from './gridVersionModel';
import type { GridVersionStore } from './gridVersionStore';
import {
  gridsCheckEveryMs,
  gridsReloadEveryMs,
  liveDistrictGrids,
  type GridChanges,
} from './liveDistrictGrids';

/** The live grids over an in-memory store and counter (districtGrids.test.ts uses the real ones). */
function setUp() {
  const clock = new ManualClock();
  const district = loadDistrict();
  const stored: GridVersionDocument[] = [];
  let counter = 0;
  let redisAway = false;
  const calls = { newest: 0 };
  const store = {
    async newest() {
      calls.newest += 1;
      return stored;
    },
  } as unknown as GridVersionStore;
  const changes: GridChanges = {
    async changed() {
      counter += 1;
    },
    async version() {
      if (redisAway) throw new Error('redis away');
      return String(counter);
    },
  };
  const grids = liveDistrictGrids({ district, store, changes, clock, logger: createLogger('silent') });
  /** 赤岗's grids with chigang-g1 renamed: a new version. */
  const publishRename = async (name: string, announce = true) => {
    const features = gridsOfStreet(district, 'chigang').map((grid) =>
      grid.properties.id === 'chigang-g1' ? { ...grid, properties: { ...grid.properties, name } } : grid,
    );
    const version = stored.length + 1;
    stored.splice(0, stored.length, {
      _id: `chigang:${version}`,
      streetId: 'chigang',
      version,
      geojson: JSON.stringify({ type: 'FeatureCollection', features }),
      at: clock.now(),
      byId: 'u',
      byName: null,
      summary: { grids: features.length, added: [], removed: [], changed: ['chigang-g1'] },
    });
    if (announce) await changes.changed();
  };
  const nameOfG1 = () => district.grids.find((grid) => grid.properties.id === 'chigang-g1')?.properties.name;
  return {
    clock,
    district,
    grids,
    calls,
    publishRename,
    nameOfG1,
    setRedisAway: (away: boolean) => (redisAway = away),
  };
}

describe('liveDistrictGrids', () => {
  it('serves the shipped grids until a street publishes, then that street’s newest, in the streets’ order', async () => {
    const { clock, district, grids, publishRename, nameOfG1 } = setUp();
    const shipped = district.grids;
    await grids.fresh();
    expect(district.grids).toBe(shipped);
    expect(grids.versionOf('chigang')).toBe(0);

    await publishRename('赤岗一格');
    clock.advance(gridsCheckEveryMs - 1);
    await grids.fresh();
    expect(nameOfG1()).toBe('赤岗社区第1网格');
    clock.advance(1);
    await grids.fresh();
    expect(nameOfG1()).toBe('赤岗一格');
    expect(grids.versionOf('chigang')).toBe(1);
    expect(grids.tag()).toBe('chigang:1.jiangnanzhong:0.huazhou:0.nanshitou:0');
    // The other streets keep their shipped grids, and the district its order.
    expect(district.grids.map((grid) => grid.properties.id)).toEqual(
      shipped.map((grid) => grid.properties.id),
    );
    // gridFor reads the new array.
    expect(gridFor(district, { lat: 23.1, lng: 113.31 }, 'chigang')?.name).toBe('赤岗一格');
  });

  it('keeps the same array while nothing was published, so what is derived from it stays cached', async () => {
    const { clock, district, grids, calls } = setUp();
    await grids.fresh();
    const loaded = district.grids;
    clock.advance(gridsReloadEveryMs);
    await grids.fresh();
    expect(calls.newest).toBe(2);
    expect(district.grids).toBe(loaded);
  });

  it('keeps the last known grids while Redis is away, and reads MongoDB again every minute', async () => {
    const { clock, grids, publishRename, nameOfG1, setRedisAway } = setUp();
    await grids.fresh();
    // Published while the announcement was lost.
    await publishRename('赤岗一格', false);
    clock.advance(gridsCheckEveryMs);
    await grids.fresh();
    expect(nameOfG1()).toBe('赤岗社区第1网格');
    setRedisAway(true);
    clock.advance(gridsReloadEveryMs);
    await grids.fresh();
    expect(nameOfG1()).toBe('赤岗社区第1网格');
    setRedisAway(false);
    clock.advance(gridsCheckEveryMs);
    await grids.fresh();
    expect(nameOfG1()).toBe('赤岗一格');
  });
});
