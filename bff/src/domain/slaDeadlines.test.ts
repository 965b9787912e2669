import { slaDeadlines } from './slaDeadlines';

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
