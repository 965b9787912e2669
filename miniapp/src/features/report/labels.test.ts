import { ticketStatuses, type Ticket, type TimelineEntry } from '@jiefang/contracts';
import {
  actionDetail,
  actionLabel,
  categoryIcon,
  closureSentence,
  formatTime,
  milestonesOnly,
  progressView,
  reopenWindowMs,
  statusLabel,
  statusTone,
  ticketAffordances,
  timelineActions,
  timelineNewestFirst,
} from './labels';

describe('statusLabel', () => {
  it('names every status as residents read it', () => {
    expect(Object.fromEntries(ticketStatuses.map((status) => [status, statusLabel(status)]))).toEqual({
      dispatch_queue: '待调度',
      assigned: '已派单',
      accepted: '处理中',
      on_site: '已到场',
      resolved: '待确认',
      confirmed: '已完成',
      reopened: '重新处理',
      closed: '已关闭',
    });
  });

  it('gives every status a badge tone', () => {
    for (const status of ticketStatuses) expect(statusTone(status)).toMatch(/waiting|working|done|attention/);
    expect(statusTone('confirmed')).toBe('done');
    expect(statusTone('resolved')).toBe('attention');
    expect(statusTone('closed')).toBe('done');
  });
});

describe('actionLabel', () => {
  it('translates every timeline action', () => {
    expect(Object.fromEntries(timelineActions.map((action) => [action, actionLabel(action)]))).toEqual({
      report: '已上报',
      report_joined: '已上报（与街坊反映的同一问题合并）',
      assign: '已派单',
      queue: '转调度',
      accept: '已接单',
      reject: '拒单改派',
      accept_timeout: '超时改派',
      officer_disabled: '改派',
      check_in: '已到场',
      resolve: '已办结',
      confirm: '已确认',
      reopen: '重新处理',
      rate: '已评价',
      transfer: '转办',
      sla_warning: '即将超时',
      sla_breached: '已超时',
      device_alarm: '设备告警',
      device_evidence: '设备监测记录',
      close: '已关闭',
      duplicate_merged: '并入同类问题',
    });
  });

  it('never shows a code for an action it does not know', () => {
    expect(actionLabel('escalate_to_mayor')).toBe('进度更新');
  });
});

describe('actionDetail', () => {
  const entry = (action: string, extra: Partial<TimelineEntry> = {}) => ({ action, ...extra });
  it('shows scores, joined counts and residents’ reasons, not system reasons', () => {
    expect(actionDetail(entry('rate', { details: { score: 4 } }))).toBe('4 星');
    expect(actionDetail(entry('report_joined', { details: { reporterCount: 3 } }))).toBe('共 3 位街坊反映');
    expect(actionDetail(entry('reopen', { reason: '摊贩又回来了' }))).toBe('摊贩又回来了');
    expect(actionDetail(entry('assign', { reason: '自动派单' }))).toBeUndefined();
    expect(actionDetail(entry('rate', { details: { score: 9 } }))).toBeUndefined();
    expect(actionDetail(entry('close', { reason: '现场核实无占道' }))).toBe('现场核实无占道');
    expect(actionDetail(entry('transfer', { reason: '非本中队' }))).toBeUndefined();
  });
});

describe('milestonesOnly', () => {
  it('keeps the milestones a resident follows and drops internal steps', () => {
    const timeline = [
      'report',
      'assign',
      'reject',
      'assign',
      'queue',
      'transfer',
      'accept',
      'sla_warning',
      'check_in',
      'resolve',
      'rate',
      'reopen',
      'unread_escalated',
      'close',
    ].map((action) => ({ at: '2025-03-01T08:00:00Z', action }) as TimelineEntry);
    expect(milestonesOnly(timeline).map((entry) => entry.action)).toEqual([
      'report',
      'assign',
      'assign',
      'accept',
      'check_in',
      'resolve',
      'reopen',
      'close',
    ]);
  });
});

describe('closureSentence', () => {
  const closure = { reason: '原因', duplicateOfId: null, passedTo: null, at: '2025-03-01T08:00:00Z' };
  it('says why in plain words, naming where a matter not ours went', () => {
    expect(closureSentence({ ...closure, kind: 'not_ours', passedTo: '供电局' })).toBe(
      '这个问题不归城管处理，已转交供电局。',
    );
    expect(closureSentence({ ...closure, kind: 'invalid' })).toContain('不需要处理');
    expect(closureSentence({ ...closure, kind: 'duplicate', duplicateOfId: 't-2' })).toContain('重复');
  });
});

describe('timelineNewestFirst', () => {
  it('sorts newest first without touching the original', () => {
    const timeline = [
      { at: '2025-03-01T08:00:00Z', action: 'report' },
      { at: '2025-03-01T08:05:00Z', action: 'accept' },
      { at: '2025-03-01T08:01:00Z', action: 'assign' },
    ] as TimelineEntry[];
    expect(timelineNewestFirst(timeline).map((e) => e.action)).toEqual(['accept', 'assign', 'report']);
    expect(timeline[0]?.action).toBe('report');
  });
});

describe('ticketAffordances', () => {
  const resolvedAt = '2025-03-01T08:00:00.000Z';
  const base = {
    status: 'resolved',
    resolution: { note: '已清理', photos: [], at: resolvedAt },
    timeline: [],
    rating: null,
  } as unknown as Pick<Ticket, 'status' | 'resolution' | 'timeline' | 'rating'>;
  const at = (ms: number) => Date.parse(resolvedAt) + ms;

  it('offers confirm, reopen (with its deadline) and rate on a freshly resolved ticket', () => {
    expect(ticketAffordances(base, at(3600_000))).toEqual({
      confirm: true,
      reopen: { kind: 'allowed', until: at(reopenWindowMs) },
      rate: true,
    });
  });

  it('lets a confirmed ticket be reopened within 7 days but not confirmed again', () => {
    const confirmed = { ...base, status: 'confirmed' as const };
    expect(ticketAffordances(confirmed, at(reopenWindowMs))).toMatchObject({
      confirm: false,
      reopen: { kind: 'allowed' },
    });
  });

  it('explains instead of offering reopen after 7 days', () => {
    expect(ticketAffordances(base, at(reopenWindowMs + 1)).reopen).toEqual({ kind: 'expired' });
  });

  it('rates once only', () => {
    const rated = { ...base, rating: { score: 5, comment: '', at: resolvedAt } };
    expect(ticketAffordances(rated, at(1)).rate).toBe(false);
  });

  it('offers nothing while the ticket is open, and finds the resolution time in the timeline', () => {
    const open = { ...base, status: 'on_site' as const, resolution: null };
    expect(ticketAffordances(open, at(1))).toEqual({ confirm: false, reopen: { kind: 'none' }, rate: false });
    const noResolution = {
      ...base,
      resolution: null,
      timeline: [{ at: resolvedAt, action: 'resolve' }] as TimelineEntry[],
    };
    expect(ticketAffordances(noResolution, at(1)).reopen).toMatchObject({ kind: 'allowed' });
  });
});

describe('categoryIcon', () => {
  it('has an icon for a category', () => {
    expect(categoryIcon('fallen_tree')).toBe('🌳');
  });
});

describe('formatTime', () => {
  const now = Date.parse('2025-03-05T07:00:00Z'); // 15:00 in Beijing
  it('says today, yesterday, the date, or the date with the year, in Beijing time', () => {
    expect(formatTime('2025-03-05T07:08:00Z', now)).toBe('今天 15:08');
    expect(formatTime('2025-03-04T16:30:00Z', now)).toBe('今天 00:30');
    expect(formatTime('2025-03-04T15:59:00Z', now)).toBe('昨天 23:59');
    expect(formatTime('2025-01-20T01:05:00Z', now)).toBe('1月20日 09:05');
    expect(formatTime('2024-12-31T01:05:00Z', now)).toBe('2024年12月31日 09:05');
    expect(formatTime('nonsense', now)).toBe('');
  });
});

describe('progressView', () => {
  it('fills the bar across all photos, counting the one in flight by its bytes', () => {
    expect(progressView({ stage: 'preparing' }).percent).toBe(2);
    expect(progressView({ stage: 'uploading', photo: 1, photos: 3, sent: 0, total: 0 })).toEqual({
      percent: 2,
      label: '正在上传第 1/3 张照片 0%',
    });
    // Photo 2 of 3 at 35 %: (1 + 0.35) / 3 = 45 % of the photos.
    expect(progressView({ stage: 'uploading', photo: 2, photos: 3, sent: 35, total: 100 })).toEqual({
      percent: 42,
      label: '正在上传第 2/3 张照片 45%',
    });
    expect(progressView({ stage: 'uploading', photo: 3, photos: 3, sent: 120, total: 100 })).toEqual({
      percent: 90,
      label: '正在上传第 3/3 张照片 100%',
    });
    expect(progressView({ stage: 'submitting' })).toEqual({ percent: 95, label: '照片已上传，正在提交…' });
    expect(progressView({ stage: 'waiting' }).percent).toBe(95);
    expect(progressView({ stage: 'done' }).percent).toBe(100);
  });
});
