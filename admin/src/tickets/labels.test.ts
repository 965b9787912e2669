import { departments, ticketStatuses, type TimelineEntry } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  actorLabel,
  departmentLabel,
  statusLabel,
  timelineFacts,
  timelineReason,
  transitionLabel,
} from './labels';

const entry = (overrides: Partial<TimelineEntry>): TimelineEntry => ({
  at: '2030-01-01T08:00:00.000Z',
  action: 'assign',
  from: 'dispatch_queue',
  to: 'assigned',
  actorId: null,
  actorRole: 'system',
  ...overrides,
});

const lookups = {
  officerName: (id: string) => ({ 'officer-1': '李队员', 'leader-1': '张中队长' })[id],
  squadName: (id: string) => ({ 'squad-huazhou': '华洲街道综合执法中队' })[id],
};

describe('status and action labels', () => {
  it('names every status in Chinese', () => {
    expect(ticketStatuses.map(statusLabel)).toEqual([
      '待调度',
      '已派单',
      '已接单',
      '已到场',
      '已办结',
      '已确认',
      '已重开',
      '已关闭',
    ]);
  });

  it('names every timeline action and shows an unknown one as sent', () => {
    expect(actionLabel('accept_timeout')).toBe('接单超时');
    expect(actionLabel('sla_breached')).toBe('到场超时');
    expect(actionLabel('check_in')).toBe('到场签到');
    expect(actionLabel('teleport')).toBe('teleport');
    const actions = ['report', 'report_joined', 'assign', 'queue', 'accept', 'reject', 'accept_timeout'];
    const more = [
      'check_in',
      'resolve',
      'confirm',
      'reopen',
      'rate',
      'transfer',
      'sla_warning',
      'sla_breached',
    ];
    for (const action of [...actions, ...more]) expect(actionLabel(action)).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('has a Chinese name for each department', () => {
    expect(new Set(departments.map(departmentLabel)).size).toBe(departments.length);
    expect(departmentLabel('traffic_police')).toBe('交通管理');
  });
});

describe('actorLabel', () => {
  it('never identifies a resident', () => {
    expect(actorLabel({ actorId: 'resident-42', actorRole: 'resident' }, lookups)).toBe('居民');
    expect(actorLabel({ actorId: null, actorRole: 'resident' }, lookups)).toBe('匿名居民');
  });

  it('names staff when known, else gives their role; automatic steps are the system', () => {
    expect(actorLabel({ actorId: 'officer-1', actorRole: 'officer' }, lookups)).toBe('李队员（执法队员）');
    expect(
      actorLabel({ actorId: 'leader-9', actorRole: 'squad_leader', actorName: '赤岗中队长' }, lookups),
    ).toBe('赤岗中队长（中队长）');
    expect(actorLabel({ actorId: 'resident-7', actorRole: 'resident', actorName: '王阿姨' }, lookups)).toBe(
      '居民',
    );
    expect(actorLabel({ actorId: 'leader-1', actorRole: 'squad_leader' }, lookups)).toBe(
      '张中队长（中队长）',
    );
    expect(actorLabel({ actorId: 'd-9', actorRole: 'dispatcher' }, lookups)).toBe('调度员');
    expect(actorLabel({ actorId: null, actorRole: 'system' })).toBe('系统');
    expect(actorLabel({ actorId: null, actorRole: null })).toBe('系统');
    expect(actorLabel({ actorId: null, actorRole: 'device' })).toBe('监测设备');
  });
});

describe('transitionLabel', () => {
  it('shows from → to, the first status alone, and nothing for a step that kept the status', () => {
    expect(transitionLabel({ from: 'assigned', to: 'accepted' })).toBe('已派单 → 已接单');
    expect(transitionLabel({ from: null, to: 'dispatch_queue' })).toBe('待调度');
    expect(transitionLabel({ from: 'accepted', to: 'accepted' })).toBeNull();
  });
});

describe('timelineFacts and timelineReason', () => {
  it('explains an automatic assignment', () => {
    const auto = entry({
      reason: '自动派单',
      details: { officerId: 'officer-1', squadId: 'squad-chigang', distanceMeters: 182.4, etaSeconds: 75 },
    });
    expect(timelineFacts(auto, lookups)).toEqual(['指派给 李队员', '距离 182 米', '预计 1 分钟到达']);
    expect(timelineReason(auto)).toBe('原因：自动派单');
  });

  it('marks a manual assignment to an officer the panel does not know', () => {
    const manual = entry({ actorRole: 'dispatcher', details: { officerId: 'o-77', manual: true } });
    expect(timelineFacts(manual, lookups)).toEqual(['指派给 队员 o-77', '人工指派']);
    const long = entry({ details: { officerId: '6b03a7f7e5ba35ece526c605' } });
    expect(timelineFacts(long, lookups)).toEqual(['指派给 队员 26c605']);
  });

  it('names transfer targets', () => {
    const toSquad = entry({
      action: 'transfer',
      to: 'dispatch_queue',
      reason: '属华洲辖区',
      details: { fromSquad: 'squad-chigang', toSquad: 'squad-huazhou' },
    });
    expect(timelineFacts(toSquad, lookups)).toEqual(['转至 华洲街道综合执法中队']);
    expect(timelineReason(toSquad)).toBe('原因：属华洲辖区');
    const toDepartment = entry({
      action: 'transfer',
      details: { fromDepartment: 'urban_management', toDepartment: 'traffic_police' },
    });
    expect(timelineFacts(toDepartment, lookups)).toEqual(['原属 城管执法', '转至 交通管理']);
  });

  it('reports check-in distance and time, a resolution note, and ignores malformed details', () => {
    const checkIn = entry({ action: 'check_in', details: { distanceMeters: 38, minutesSinceReport: 9.5 } });
    expect(timelineFacts(checkIn)).toEqual(['签到时距上报点 38 米', '上报后 9.5 分钟到场']);
    expect(timelineReason(entry({ action: 'resolve', reason: '已劝离' }))).toBe('说明：已劝离');
    expect(timelineReason(entry({ action: 'accept' }))).toBeNull();
    expect(timelineFacts(entry({ action: 'check_in', details: { distanceMeters: 'far' } }))).toEqual([]);
    expect(timelineFacts(entry({ action: 'report', details: { routing: 'overlap' } }))).toEqual([
      '位于多个辖区交界',
    ]);
  });
});
