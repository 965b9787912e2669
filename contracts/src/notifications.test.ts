import {
  notificationSubjectId,
  notificationTemplateNames,
  notificationTemplates,
  notificationTemplateSpec,
} from './notifications';

describe('the notification catalogue', () => {
  it('gives every template a title short enough for WeChat and WeCom, and a sentence from empty data', () => {
    for (const name of notificationTemplateNames) {
      const spec = notificationTemplates[name];
      expect([...spec.title].length).toBeLessThanOrEqual(20);
      expect(spec.body({}).length).toBeGreaterThan(4);
      expect(spec.body({})).not.toMatch(/undefined|null/);
    }
  });

  it('puts the data into the sentence', () => {
    expect(
      notificationTemplates.new_assignment.body({ category: '占道经营', address: '赤岗北路 18 号' }),
    ).toBe('占道经营：赤岗北路 18 号');
  });

  it('finds what a notification is about, and knows nothing of unknown names', () => {
    expect(notificationSubjectId(notificationTemplates.smoke_alarm, { alarmId: 'a-1', ticketId: 't' })).toBe(
      'a-1',
    );
    expect(notificationSubjectId(notificationTemplates.ticket_resolved, {})).toBeNull();
    expect(notificationTemplateSpec('toString')).toBeNull();
    expect(notificationTemplateSpec('escort_sos')?.mustNotMiss).toBe(true);
  });

  it('tells a resident why their ticket was closed, by kind', () => {
    const closed = notificationTemplates.ticket_closed;
    expect(closed.audience).toBe('public');
    expect(
      closed.body({ category: '违停', kind: 'not_ours', passedTo: '交警大队', reason: '机动车违停' }),
    ).toBe('您反映的“违停”不属于城管职责，已转交交警大队处理。说明：机动车违停');
    expect(closed.body({ category: '噪音扰民', kind: 'duplicate', reason: '同一地点' })).toContain('重复');
    expect(closed.body({ category: '其他', kind: 'invalid', reason: '现场无此情况' })).toContain(
      '原因：现场无此情况',
    );
  });
});
