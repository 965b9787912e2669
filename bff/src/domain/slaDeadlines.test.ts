import { overdueSlaDeadlines, pendingSlaDeadlines, slaDeadlines, type SlaClockState } from './slaDeadlines';

const minute = 60_000;

describe('slaDeadlines', () => {
  const reportedAt = new Date('2026-11-23T15:08:00+08:00');

  it('gives 3 minutes to accept, warns at 10 and breaches at 15 for a 15-minute category', () => {
    const deadlines = slaDeadlines({
      reportedAt,
      assignedAt: new Date(reportedAt.getTime() + 2000),
      onSiteSlaMinutes: 15,
    });
    expect(deadlines.acceptBy.getTime() - reportedAt.getTime()).toBe(3 * minute + 2000);
    expect(deadlines.warnAt.getTime() - reportedAt.getTime()).toBe(10 * minute);
    expect(deadlines.breachAt.getTime() - reportedAt.getTime()).toBe(15 * minute);
  });

  it('runs the accept window from each reassignment but the SLA from the report', () => {
    const assignedAt = new Date(reportedAt.getTime() + 3 * minute);
    const deadlines = slaDeadlines({ reportedAt, assignedAt, onSiteSlaMinutes: 15 });
    expect(deadlines.acceptBy.getTime()).toBe(assignedAt.getTime() + 3 * minute);
    expect(deadlines.breachAt.getTime() - reportedAt.getTime()).toBe(15 * minute);
  });

  it('scales every duration for tests and demos', () => {
    const deadlines = slaDeadlines({
      reportedAt,
      assignedAt: reportedAt,
      onSiteSlaMinutes: 15,
      timeScale: 0.01,
    });
    expect(deadlines.acceptBy.getTime() - reportedAt.getTime()).toBe(1800);
    expect(deadlines.breachAt.getTime() - reportedAt.getTime()).toBe(9000);
  });
});

describe('pendingSlaDeadlines and overdueSlaDeadlines', () => {
  const reportedAt = new Date('2026-11-23T15:08:00+08:00');
  const deadlines = slaDeadlines({ reportedAt, assignedAt: reportedAt, onSiteSlaMinutes: 15 });
  const assigned: SlaClockState = {
    status: 'assigned',
    assignmentSeq: 2,
    slaRound: 1,
    deadlines,
    slaWarned: false,
    slaBreached: false,
  };

  it('arms accept, the unread escalations, warning and breach for an assigned ticket', () => {
    expect(deadlines.escalateToLeaderAt.getTime() - reportedAt.getTime()).toBe(minute);
    expect(deadlines.escalateToDispatcherAt.getTime() - reportedAt.getTime()).toBe(2 * minute);
    expect(pendingSlaDeadlines(assigned)).toEqual([
      { kind: 'warn', sequence: 1, at: deadlines.warnAt },
      { kind: 'breach', sequence: 1, at: deadlines.breachAt },
      { kind: 'accept', sequence: 2, at: deadlines.acceptBy },
      { kind: 'unread_leader', sequence: 2, at: deadlines.escalateToLeaderAt },
      { kind: 'unread_dispatcher', sequence: 2, at: deadlines.escalateToDispatcherAt },
    ]);
  });

  it('leaves out an unread escalation once handled, and on tickets from before them', () => {
    const kinds = (ticket: SlaClockState) => pendingSlaDeadlines(ticket).map((deadline) => deadline.kind);
    expect(kinds({ ...assigned, deadlines: { ...deadlines, escalateToLeaderAt: null } })).toEqual([
      'warn',
      'breach',
      'accept',
      'unread_dispatcher',
    ]);
    const { escalateToLeaderAt: _leader, escalateToDispatcherAt: _dispatcher, ...older } = deadlines;
    expect(kinds({ ...assigned, deadlines: older })).toEqual(['warn', 'breach', 'accept']);
  });

  it('leaves out what has fired and what the status makes moot', () => {
    expect(pendingSlaDeadlines({ ...assigned, status: 'accepted', slaWarned: true })).toEqual([
      { kind: 'breach', sequence: 1, at: deadlines.breachAt },
    ]);
    expect(pendingSlaDeadlines({ ...assigned, status: 'on_site' })).toEqual([]);
    expect(pendingSlaDeadlines({ ...assigned, status: 'closed' })).toEqual([]);
    expect(
      pendingSlaDeadlines({
        ...assigned,
        status: 'dispatch_queue',
        deadlines: { ...deadlines, acceptBy: null },
      }),
    ).toHaveLength(2);
  });

  it('gives the passed ones, earliest first', () => {
    expect(overdueSlaDeadlines(assigned, new Date(reportedAt.getTime() + minute - 1))).toEqual([]);
    expect(
      overdueSlaDeadlines(assigned, new Date(reportedAt.getTime() + 11 * minute)).map((d) => d.kind),
    ).toEqual(['unread_leader', 'unread_dispatcher', 'accept', 'warn']);
    expect(overdueSlaDeadlines(assigned, deadlines.breachAt).map((d) => d.kind)).toEqual([
      'unread_leader',
      'unread_dispatcher',
      'accept',
      'warn',
      'breach',
    ]);
  });
});
