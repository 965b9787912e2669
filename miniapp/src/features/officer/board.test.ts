import { reassignCandidates, squadBoard } from './board';
import { iso, minutes, officerFixture, tenAm, ticketFixture } from './testFixtures';

const running = (id: string, breachInMinutes: number, assigneeId: string | null = 'o1') =>
  ticketFixture({
    id,
    status: 'accepted',
    assigneeId,
    deadlines: { acceptBy: null, warnAt: iso(tenAm), breachAt: iso(tenAm + minutes(breachInMinutes)) },
  });

describe('squadBoard', () => {
  it('lists officers on duty least loaded first, then by name, and those off duty apart', () => {
    const board = squadBoard(
      [
        officerFixture({ id: 'a', name: '王五', activeTickets: 2 }),
        officerFixture({ id: 'b', name: '李四', activeTickets: 0 }),
        officerFixture({ id: 'c', name: '赵六', onDuty: false }),
        officerFixture({ id: 'd', name: '张三', activeTickets: 3, capacity: 3 }),
        officerFixture({ id: 'e', name: '陈七', activeTickets: 0 }),
      ],
      [],
      tenAm,
    );
    expect(board.onDuty.map((row) => row.officer.id)).toEqual(['e', 'b', 'a', 'd']);
    expect(board.onDuty.map((row) => row.full)).toEqual([false, false, false, true]);
    expect(board.offDuty.map((row) => row.officer.id)).toEqual(['c']);
  });

  it('puts the tickets whose on-site clock runs in order of time left, breached ones first', () => {
    const board = squadBoard(
      [officerFixture({ id: 'o1', name: '张三' })],
      [
        running('later', 12),
        running('breached', -2, null),
        ticketFixture({ id: 'onSite', status: 'on_site' }),
        running('soon', 3),
      ],
      tenAm,
    );
    expect(board.atRisk.map((row) => [row.ticket.id, row.clock.remainingMs])).toEqual([
      ['breached', -minutes(2)],
      ['soon', minutes(3)],
      ['later', minutes(12)],
    ]);
    expect(board.atRisk.map((row) => row.assigneeName)).toEqual([undefined, '张三', '张三']);
  });
});

describe('reassignCandidates', () => {
  it('offers the squad’s officers on duty and on shift with room, not the holder, nearest first', () => {
    const ticket = running('t', 5, 'holder');
    const near = { lat: ticket.location.lat + 0.001, lng: ticket.location.lng, at: iso(tenAm) };
    const far = { lat: ticket.location.lat + 0.01, lng: ticket.location.lng, at: iso(tenAm) };
    const candidates = reassignCandidates(
      [
        officerFixture({ id: 'holder' }),
        officerFixture({ id: 'far', location: far }),
        officerFixture({ id: 'unknown', location: null }),
        officerFixture({ id: 'near', location: near, activeTickets: 2 }),
        officerFixture({ id: 'full', location: near, activeTickets: 3 }),
        officerFixture({ id: 'off', onDuty: false, location: near }),
        officerFixture({ id: 'other', squadId: 'squad-huazhou', location: near }),
        officerFixture({ id: 'nightShift', location: near, onShift: false }),
      ],
      ticket,
    );
    expect(candidates.map((c) => c.officer.id)).toEqual(['near', 'far', 'unknown']);
    expect(candidates[0]?.meters).toBeGreaterThan(100);
    expect(candidates[0]?.meters).toBeLessThan(120);
    expect(candidates[2]?.meters).toBeUndefined();
  });
});
