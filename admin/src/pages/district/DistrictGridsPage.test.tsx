// @vitest-environment jsdom
import '../../test/leafletDom';
import { type GridPreview, type GridProblem, type GridVersionList } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { session } from '../../app/services';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  signIn,
  waitUntil,
} from '../../test/dom';
import { testDistrict } from '../../test/district';
import { DistrictGridsPage } from './DistrictGridsPage';

setUpPageTests();

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const streets = {
  items: [{ id: 'chigang', name: '赤岗街道', squadId: 'squad-chigang', squadName: '赤岗街道综合执法中队' }],
};
const [g1, g2] = testDistrict.grids as unknown as GridPreview['current'];
const overlap: GridProblem = {
  code: 'overlap',
  severity: 'error',
  gridId: 'chigang-g1',
  otherGridId: 'chigang-g2',
  message: '网格 chigang-g1 与 chigang-g2 重叠约 2,040.5 平方米',
  areaM2: 2040.5,
  location: [113.321, 23.1],
  area: {
    type: 'Polygon',
    coordinates: [
      [
        [113.32, 23.095],
        [113.322, 23.095],
        [113.322, 23.105],
        [113.32, 23.095],
      ],
    ],
  },
};
const overlapping: GridPreview = {
  streetId: 'chigang',
  baseVersion: 0,
  publishable: false,
  problems: [overlap],
  grids: [g1!, g2!],
  current: [g1!, g2!],
  changes: { added: [], removed: [], changed: ['chigang-g1'], unchanged: ['chigang-g2'] },
  impact: { workers: [], households: [], tickets: [] },
};
const valid: GridPreview = {
  ...overlapping,
  publishable: true,
  problems: [],
  changes: { added: ['chigang-g3'], removed: ['chigang-g2'], changed: [], unchanged: ['chigang-g1'] },
  impact: {
    workers: [{ id: 'u-1', name: '网格员小李', gridId: 'chigang-g2' }],
    households: [],
    tickets: [{ id: 'T-1', status: 'assigned', gridId: 'chigang-g2' }],
  },
};
const none: GridVersionList = { current: 0, items: [] };
const published: GridVersionList = {
  current: 1,
  items: [
    {
      streetId: 'chigang',
      version: 1,
      at: '2026-12-03T02:00:00.000Z',
      byId: 'u-test',
      byName: '区管理员',
      grids: 2,
      added: ['chigang-g3'],
      removed: ['chigang-g2'],
      changed: [],
    },
  ],
};

/** Picks a file in the page's upload area, as the browser's file dialog would. */
async function choose(name: string, text: string) {
  const selector = '[data-testid="district-grids-page"] input[type="file"]';
  await waitUntil(() => document.querySelector(selector) !== null);
  const input = document.querySelector<HTMLInputElement>(selector)!;
  Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function bff(previews: Array<GridPreview | Response>, publish?: () => unknown) {
  let versions = none;
  return fakeBff({
    'GET /api/streets': streets,
    'GET /api/district': testDistrict,
    'GET /api/map/config': { tiles: null },
    'GET /api/district/streets/chigang/grids/versions': () => versions,
    'POST /api/district/streets/chigang/grids/preview': () => previews.shift(),
    'POST /api/district/streets/chigang/grids': () => {
      const answer = publish?.();
      if (answer instanceof Response) return answer;
      versions = published;
      return published.items[0];
    },
  });
}

describe('DistrictGridsPage', { timeout: 60_000 }, () => {
  it('shows the street and its grids, and an upload’s overlap in the list and in red on the map', async () => {
    signIn(['admin'], '区管理员');
    const fake = bff([overlapping]);
    await render(<DistrictGridsPage />, '/district/grids');
    expect((await findByTestId('district-grids-current')).textContent).toBe('当前版本：系统内置网格');
    await findByTestId('map-grid-chigang-g1');
    expect(byTestId('district-grids-versions')!.textContent).toContain('尚未发布过网格');

    await choose('赤岗网格.geojson', '{"type":"FeatureCollection","features":[]}');
    const problem = await findByTestId('district-grids-problem-0');
    expect(problem.textContent).toContain('网格重叠');
    expect(problem.textContent).toContain('约 2,040.5 平方米');
    expect(byTestId('district-grids-blocked')!.textContent).toBe('发现 1 个问题，修正后才能发布');
    expect((byTestId('district-grids-publish') as HTMLButtonElement).disabled).toBe(true);
    await findByTestId('map-problem-area-0');
    await findByTestId('map-problem-0');
    await findByTestId('map-new-grid-chigang-g1');
    await click(byTestId('district-grids-problem-show-0')!);
    await waitUntil(
      () => byTestId('district-grids-problem-0')!.getAttribute('style')?.includes('background') ?? false,
    );

    expect(fake.requests.find((request) => request.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/district/streets/chigang/grids/preview',
      body: { geojson: '{"type":"FeatureCollection","features":[]}' },
    });
  });

  it('previews a valid file with what it changes and affects, publishes it and shows the new version', async () => {
    signIn(['admin'], '区管理员');
    const fake = bff([valid]);
    await render(<DistrictGridsPage />, '/district/grids');
    await findByTestId('district-grids-current');
    await choose('赤岗网格.json', 'FILE');
    await findByTestId('district-grids-ok');
    expect(byTestId('district-grids-change-added-chigang-g3')!.textContent).toBe('新增 chigang-g3');
    expect(byTestId('district-grids-change-removed-chigang-g2')!.textContent).toBe('删除 chigang-g2');
    const impact = byTestId('district-grids-impact')!.textContent;
    expect(impact).toContain('网格员 1 人');
    expect(impact).toContain('未办结工单 1 件');
    expect(impact).not.toContain('住户');

    await click(byTestId('district-grids-publish')!);
    await waitUntil(() => byTestId('district-grids-current')?.textContent === '当前版本：第 1 版');
    expect(fake.requests.filter((request) => request.path === '/api/district/streets/chigang/grids')).toEqual(
      [
        {
          method: 'POST',
          path: '/api/district/streets/chigang/grids',
          body: { geojson: 'FILE', baseVersion: 0 },
        },
      ],
    );
    expect(byTestId('district-grids-version-1')!.textContent).toContain('区管理员');
    // The upload area is back for the next file; the map's outlines were read again.
    await findByTestId('district-grids-upload');
    expect(fake.requests.filter((request) => request.path === '/api/district').length).toBeGreaterThan(1);
  });

  it('someone published meanwhile: the file is checked again against the newest version', async () => {
    signIn(['admin'], '区管理员');
    const fake = bff([valid, { ...valid, baseVersion: 1 }], () =>
      json(409, {
        error: { code: 'conflict', message: '该街道的网格已被他人更新', details: { currentVersion: 1 } },
      }),
    );
    await render(<DistrictGridsPage />, '/district/grids');
    await findByTestId('district-grids-current');
    await choose('赤岗网格.json', 'FILE');
    await click(await findByTestId('district-grids-publish'));
    await waitUntil(
      () => fake.requests.filter((request) => request.path.endsWith('/grids/preview')).length === 2,
    );
    await findByTestId('district-grids-ok');
  });

  it('a street administrator works on their own street only; an error is shown, not a blank page', async () => {
    session.set({
      token: 'tok-admin',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { id: 'u-street', name: '街道管理员', roles: ['admin'], streetId: 'chigang' },
    });
    bff([json(500, { error: { code: 'internal', message: '服务器开小差了' } })]);
    await render(<DistrictGridsPage />, '/district/grids');
    await findByTestId('district-grids-current');
    expect(byTestId('district-grids-street')!.className).toContain('disabled');
    await choose('赤岗网格.json', 'FILE');
    expect((await findByTestId('district-grids-failed')).textContent).toContain('校验失败');
  });
});
