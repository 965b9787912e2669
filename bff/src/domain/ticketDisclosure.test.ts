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
      'queue',
      'transfer',
      'officer_disabled',
      'unread_escalated',
      'device_alarm',
      'duplicate_merged',
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

  it('shows milestones only: one 已派单 and one 已接单 a round, however often it was reassigned', () => {
    const timeline = [
      entry('report', 'resident-1'),
      entry('assign', null, { details: { officerId: 'o-1' } }),
      entry('reject', 'o-1', { reason: '不在附近' }),
      entry('assign', null, { details: { officerId: 'o-2' } }),
      entry('accept', 'o-2'),
      entry('transfer', 'o-2', { reason: '非本中队' }),
      entry('queue', null),
      entry('assign', 'dispatcher-1'),
      entry('accept', 'o-3'),
      entry('sla_warning', null),
      entry('check_in', 'o-3'),
      entry('resolve', 'o-3', { reason: '已清理' }),
      entry('rate', 'resident-1', { details: { score: 2 } }),
      entry('reopen', 'resident-1', { reason: '又来了' }),
      entry('assign', null),
      entry('accept_timeout', null),
      entry('assign', null),
      entry('accept', 'o-4'),
      entry('close', 'dispatcher-1', { reason: '非城管职责', details: { kind: 'not_ours' } }),
    ];
    const shown = reporterTimeline(timeline, 'resident-1');
    expect(shown.map((step) => step.action)).toEqual([
      'report',
      'assign',
      'accept',
      'check_in',
      'resolve',
      'reopen',
      'assign',
      'accept',
      'close',
    ]);
    expect(shown.at(-1)).toEqual({
      action: 'close',
      actorId: null,
      actorRole: 'officer',
      actorName: null,
      reason: '非城管职责',
    });
    expect(shown.find((step) => step.action === 'reopen')?.reason).toBe('又来了');
  });

  it('shows a joining reporter their own report, but not other reporters joining', () => {
    const shown = reporterTimeline(
      [
        entry('report', 'resident-1'),
        entry('report_joined', 'resident-2'),
        entry('report_joined', 'resident-3'),
      ],
      'resident-3',
    );
    expect(shown.map((step) => [step.action, step.actorId])).toEqual([
      ['report', null],
      ['report_joined', 'resident-3'],
    ]);
  });
});
