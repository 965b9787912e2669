import type { Category } from '@jiefang/contracts';
import { categorySeeds } from '../../domain/categories';
import { ManualClock } from '../../infra/clock';
import { createLogger } from '../../infra/logger';
import type { CategoryStore } from './categoryStore';
import {
  categoryCheckEveryMs,
  categoryReloadEveryMs,
  liveCategoryCatalogue,
  type CategoryChanges,
} from './liveCategoryCatalogue';

/** The catalogue's own logic over an in-memory store and counter (the HTTP tests use the real ones). */
function setUp() {
  const clock = new ManualClock();
  let stored: Category[] = [];
  let version = '0';
  let redisAway = false;
  const calls = { seed: 0, list: 0 };
  const store = {
    async seed(seeds: readonly Category[]) {
      calls.seed += 1;
      if (!stored.length) stored = [...seeds];
    },
    async list() {
      calls.list += 1;
      return stored;
    },
  } as unknown as CategoryStore;
  const changes: CategoryChanges = {
    async changed() {
      version = String(Number(version) + 1);
    },
    async version() {
      if (redisAway) throw new Error('redis away');
      return version;
    },
  };
  const catalogue = liveCategoryCatalogue({ store, changes, clock, logger: createLogger('silent') });
  const rename = async (name: string) => {
    stored = stored.map((category) => (category.code === 'noise' ? { ...category, name } : category));
    await changes.changed();
  };
  return { clock, catalogue, calls, rename, setRedisAway: (away: boolean) => (redisAway = away) };
}

describe('liveCategoryCatalogue', () => {
  it('seeds and loads on the first check, then asks only the counter until it moves', async () => {
    const { clock, catalogue, calls, rename } = setUp();
    await catalogue.fresh();
    expect(calls).toEqual({ seed: 1, list: 1 });
    expect(catalogue.get('noise').name).toBe('噪音扰民');

    clock.advance(categoryCheckEveryMs);
    await catalogue.fresh();
    expect(calls.list).toBe(1);

    await rename('夜间噪音');
    await catalogue.fresh();
    expect(catalogue.get('noise').name).toBe('噪音扰民');
    clock.advance(categoryCheckEveryMs);
    await catalogue.fresh();
    expect(catalogue.get('noise').name).toBe('夜间噪音');
    expect(calls).toEqual({ seed: 1, list: 2 });
  });

  it('a synchronous read past the interval starts the check; the reads after it see the change', async () => {
    const { clock, catalogue, rename } = setUp();
    await catalogue.fresh();
    await rename('夜间噪音');
    clock.advance(categoryCheckEveryMs);
    expect(catalogue.get('noise').name).toBe('噪音扰民');
    await catalogue.fresh();
    expect(catalogue.get('noise').name).toBe('夜间噪音');
  });

  it('keeps the last known categories while Redis is away, and reads again periodically', async () => {
    const { clock, catalogue, calls, rename, setRedisAway } = setUp();
    await catalogue.fresh();
    setRedisAway(true);
    await rename('夜间噪音');
    clock.advance(categoryCheckEveryMs);
    await catalogue.fresh();
    expect(catalogue.get('noise').name).toBe('噪音扰民');
    expect(catalogue.all()).toHaveLength(categorySeeds().length);

    setRedisAway(false);
    clock.advance(categoryCheckEveryMs);
    await catalogue.fresh();
    expect(catalogue.get('noise').name).toBe('夜间噪音');

    // Nothing announced, yet read again after the reload interval (a change made around the BFF).
    clock.advance(categoryReloadEveryMs);
    await catalogue.fresh();
    expect(calls.list).toBe(3);
  });

  it('serves the shipped categories until the first load', () => {
    const { catalogue } = setUp();
    expect(catalogue.get('fire_hazard')).toMatchObject({ name: '消防隐患', enabled: true });
  });
});
