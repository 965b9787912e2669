// @vitest-environment jsdom
import { type OfficerSummary, type RosterEntry } from '@jiefang/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { weekDates, weekStart } from '../../rosters/week';
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
import { RosterPage } from './RosterPage';

const streets = {
  items: [{ id: 'chigang', name: '赤岗街道', squadId: 'squad-chigang', squadName: '赤岗中队' }],
};
const officer = (id: string, name: string, onShift: boolean | null): OfficerSummary => ({
  id,
  name,
  squadId: 'squad-chigang',
  streetId: 'chigang',
  onDuty: true,
  travelMode: 'ebike',
  capacity: 3,
  activeTickets: 0,
  onShift,
  location: null,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const monday = weekStart(Date.now());
const [firstDay = '', secondDay = ''] = weekDates(monday);

setUpPageTests();
beforeEach(() => signIn(['dispatcher']));

describe('RosterPage', { timeout: 30_000 }, () => {
  it('shows the week shift by shift, marks the shift on now, and puts an officer on a night shift', async () => {
    const entries: RosterEntry[] = [
      {
        squadId: 'squad-chigang',
        date: firstDay,
        shiftId: 'day',
        officerIds: ['o-1'],
        updatedAt: null,
        updatedBy: null,
      },
    ];
    const bff = fakeBff({
      'GET /api/streets': streets,
      'GET /api/officers': { items: [officer('o-1', '白班队员', null), officer('o-2', '夜班队员', null)] },
      'GET /api/squads/squad-chigang/roster': () => ({
        schedule: {
          squadId: 'squad-chigang',
          rosterDispatch: true,
          shifts: [
            { id: 'day', name: '白班', start: '08:00' },
            { id: 'night', name: '夜班', start: '20:00' },
          ],
        },
        entries,
        current: {
          date: secondDay,
          shiftId: 'night',
          startsAt: `${secondDay}T12:00:00.000Z`,
          endsAt: `${secondDay}T23:59:59.000Z`,
        },
      }),
      [`PUT /api/squads/squad-chigang/roster/${secondDay}/night`]: (request: { body: unknown }) => {
        const entry = {
          squadId: 'squad-chigang',
          date: secondDay,
          shiftId: 'night',
          officerIds: (request.body as { officerIds: string[] }).officerIds,
          updatedAt: '2026-12-02T00:00:00.000Z',
          updatedBy: 'u-test',
        };
        entries.push(entry);
        return entry;
      },
    });
    await render(<RosterPage />, '/rosters');
    const dayCell = await findByTestId(`roster-cell-${firstDay}-day`);
    await waitUntil(() => dayCell.textContent?.includes('白班队员') ?? false);
    const nightCell = await findByTestId(`roster-cell-${secondDay}-night`);
    expect(nightCell.textContent).toContain('当班');
    expect(nightCell.textContent).toContain('未排班');

    await click(await findByTestId(`roster-edit-${secondDay}-night`));
    const select = (await findByTestId('roster-cell-officers')).closest('.ant-select');
    select
      ?.querySelector('.ant-select-selector')
      ?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await click(await findByTestId('roster-officer-option-o-2'));
    await click(await findByTestId('roster-cell-save'));
    await waitUntil(() => bff.requests.some((request) => request.method === 'PUT'));
    expect(bff.requests.find((request) => request.method === 'PUT')).toEqual({
      method: 'PUT',
      path: `/api/squads/squad-chigang/roster/${secondDay}/night`,
      body: { officerIds: ['o-2'] },
    });
    await waitUntil(
      () => byTestId(`roster-cell-${secondDay}-night`)?.textContent?.includes('夜班队员') ?? false,
    );
  });

  it('says when loading failed', async () => {
    fakeBff({
      'GET /api/streets': streets,
      'GET /api/officers': { items: [] },
      'GET /api/squads/squad-chigang/roster': () =>
        json(403, { error: { code: 'forbidden', message: '只能查看或安排本中队的排班' } }),
    });
    await render(<RosterPage />, '/rosters');
    await waitUntil(() => document.body.textContent?.includes('只能查看或安排本中队的排班') ?? false);
  });
});
