import { reporterMilestones, reporterTimeline, type DisclosableEntry } from './ticketDisclosure';

const entry = (
  action: string,
  actorId: string | null,
  extra: { reason?: string; details?: Record<string, unknown> } = {},
): DisclosableEntry => ({
  action,
  actorId,
  actorRole: actorId ? 'officer' : null,
  actorName: actorId ? `name-${actorId}` : null,
  ...extra,
});

describe('reporterTimeline', () => {
  it('keeps public milestones without names, ids, details or internal reasons', () => {
    const shown = reporterTimeline(
      [entry('assign', 'dispatcher-1', { reason: '手动指派', details: { officerName: '张队员' } })],
      'resident-1',
    );
    expect(shown).toEqual([{ action: 'assign', actorId: null, actorRole: 'officer', actorName: null }]);
  });

  it('drops staff-only steps, unknown actions and prototype names', () => {
    const actions = [
      'reject',
      'accept_timeout',
      'sla_warning',
      'sla_breached',
      'rate',
      'constructor',
      'new_step',
    ];
    expect(
      reporterTimeline(
        actions.map((action) => entry(action, 'officer-1')),
        'resident-1',
      ),
    ).toEqual([]);
  });

  it('shows the reporter their own steps in full', () => {
    const own = entry('reopen', 'resident-1', { reason: '还是很吵', details: { round: 2 } });
    expect(
      reporterTimeline([own, entry('reopen', 'resident-2', { reason: '别人的理由' })], 'resident-1'),
    ).toEqual([own, { action: 'reopen', actorId: null, actorRole: 'officer', actorName: null }]);
  });

  it('keeps the officer’s resolution note, the one reason meant for residents', () => {
    expect(reporterTimeline([entry('resolve', 'officer-1', { reason: '已清理' })], 'r')[0]?.reason).toBe(
      '已清理',
    );
    expect(Object.keys(reporterMilestones)).not.toContain('reject');
  });
});
