import { createApiClient, type HttpRequest } from './client';
import { createRosterApi } from './rosters';

const roster = {
  schedule: {
    squadId: 'squad-chigang',
    rosterDispatch: true,
    shifts: [
      { id: 'day', name: '白班', start: '08:00' },
      { id: 'night', name: '夜班', start: '20:00' },
    ],
  },
  entries: [
    {
      squadId: 'squad-chigang',
      date: '2026-12-02',
      shiftId: 'night',
      officerIds: ['o1'],
      updatedAt: '2026-12-01T02:00:00.000Z',
      updatedBy: 'admin',
    },
  ],
  current: {
    date: '2026-12-02',
    shiftId: 'night',
    startsAt: '2026-12-02T12:00:00.000Z',
    endsAt: '2026-12-03T00:00:00.000Z',
  },
};

describe('roster api', () => {
  it('reads a squad’s roster from a day for some days, parsed by the contract', async () => {
    const calls: HttpRequest[] = [];
    const api = createRosterApi(
      createApiClient({
        baseUrl: 'http://127.0.0.1:3000',
        transport: async (request) => {
          calls.push(request);
          return { status: 200, body: roster };
        },
        getToken: () => 'tok',
      }),
    );
    const answer = await api.squadRoster('squad-chigang', { from: '2026-12-01', days: 8 });
    expect(calls.map((call) => [call.method, call.url])).toEqual([
      ['GET', 'http://127.0.0.1:3000/api/squads/squad-chigang/roster?from=2026-12-01&days=8'],
    ]);
    expect(answer.entries[0]?.officerIds).toEqual(['o1']);
    expect(answer.schedule.rosterDispatch).toBe(true);
  });
});
