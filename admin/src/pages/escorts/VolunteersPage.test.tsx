// @vitest-environment jsdom
import { type Volunteer, type VolunteerHours } from '@jiefang/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeHours, makeVolunteer } from '../../test/escorts';
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
import { VolunteersPage } from './VolunteersPage';

const applicant = makeVolunteer();
const verified = makeVolunteer({
  id: 'V-2',
  realName: '王志愿',
  verified: true,
  verifiedAt: '2030-11-01T10:00:00+08:00',
});
const streets = {
  items: [{ id: 'jiangnanzhong', name: '江南中街道', squadId: 'sq-j', squadName: '江南中中队' }],
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** `GET /api/volunteers?verified=…` from one list, as the BFF would split it. */
function volunteerRoutes(people: Volunteer[]) {
  return {
    'GET /api/streets': streets,
    'GET /api/volunteers': (request: { path: string }) => ({
      items: people.filter((person) => request.path.includes(`verified=${person.verified}`)),
    }),
  };
}

setUpPageTests();
beforeEach(() => signIn(['community_worker']));

describe('VolunteersPage', { timeout: 30_000 }, () => {
  it('verifies a volunteer from the queue; they move to the verified tab', async () => {
    const people = [applicant, verified];
    const bff = fakeBff({
      ...volunteerRoutes(people),
      'POST /api/volunteers/V-1/verify': () => {
        const done = { ...applicant, verified: true, verifiedAt: '2030-11-24T10:00:00+08:00' };
        people.splice(0, 1, done);
        return done;
      },
    });
    await render(<VolunteersPage />, '/volunteers');
    const row = await findByTestId('volunteer-row-V-1');
    expect(row.textContent).toContain('李志愿');
    expect(row.textContent).toContain('会推轮椅');
    expect(row.textContent).toContain('江南中街道 3 公里内');
    expect(row.textContent).toContain('周一 09:00–12:00');
    expect(byTestId('volunteer-tab-pending')?.textContent).toBe('待审核（1）');

    await click(await findByTestId('volunteer-verify-V-1'));
    await waitUntil(() => byTestId('volunteer-row-V-1') === null);
    expect(
      bff.requests.filter((request) => request.method === 'POST').map((request) => request.path),
    ).toEqual(['/api/volunteers/V-1/verify']);
    expect((await findByTestId('volunteer-empty')).textContent).toContain('没有待审核的志愿者');

    await click(await findByTestId('volunteer-tab-verified'));
    await findByTestId('volunteer-row-V-1');
    expect(byTestId('volunteer-row-V-2')).not.toBeNull();
  });

  it('reviews an entry of a volunteer’s hours ledger', async () => {
    let hours: VolunteerHours = makeHours();
    const bff = fakeBff({
      ...volunteerRoutes([verified]),
      'GET /api/volunteers/V-2/hours': () => hours,
      'POST /api/volunteers/V-2/hours/ES-11/review': () => {
        hours = makeHours({
          reviewedMinutes: 270,
          entries: hours.entries.map((entry) => ({ ...entry, reviewed: true })),
        });
        return hours;
      },
    });
    const page = await render(<VolunteersPage />, '/volunteers?tab=verified');
    await click(await findByTestId('volunteer-hours-V-2'));
    const ledger = await findByTestId('volunteer-hours');
    await waitUntil(() => byTestId('hours-entry-ES-11') !== null);
    expect(byTestId('hours-total')?.textContent).toContain('4 小时 30 分钟');
    expect(byTestId('hours-reviewed')?.textContent).toContain('2 小时');
    expect(byTestId('hours-turns')?.textContent).toContain('2');
    expect(ledger.textContent).toContain('1 条记录待审核');
    expect(byTestId('hours-entry-ES-10')?.dataset.reviewed).toBe('true');
    expect(byTestId('hours-review-ES-10')).toBeNull();
    expect(byTestId('hours-entry-ES-11')?.textContent).toContain('2 小时 30 分钟');

    await click(await findByTestId('hours-review-ES-11'));
    await waitUntil(() => byTestId('hours-entry-ES-11')?.dataset.reviewed === 'true');
    expect(byTestId('hours-review-ES-11')).toBeNull();
    expect(byTestId('hours-reviewed')?.textContent).toContain('4 小时 30 分钟');
    expect(
      bff.requests.filter((request) => request.method === 'POST').map((request) => request.path),
    ).toEqual(['/api/volunteers/V-2/hours/ES-11/review']);
    expect(page.router.state.location.search).toContain('volunteer=V-2');
  });

  it('says when loading failed', async () => {
    fakeBff({
      'GET /api/streets': streets,
      'GET /api/volunteers': () => json(403, { error: { code: 'forbidden', message: '没有权限审核志愿者' } }),
    });
    await render(<VolunteersPage />, '/volunteers');
    expect((await findByTestId('volunteer-load-error')).textContent).toContain('没有权限审核志愿者');
  });
});
