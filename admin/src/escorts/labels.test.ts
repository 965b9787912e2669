import { elderNeeds, escortServiceTypes, escortStatuses, volunteerSkills } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { makeElder } from '../test/escorts';
import { contactLine, elderMatches } from './elderView';
import {
  availabilityLines,
  elderNeedLabel,
  escortActionLabel,
  escortPlace,
  escortStatusLabel,
  escortTimelineColor,
  formatHourTotal,
  formatMinutes,
  formatRating,
  serviceTypeLabel,
  skillLabel,
  weekdayLabel,
  windowLabel,
} from './labels';

describe('escort labels', () => {
  it('names the four services and the five needs as the street knows them', () => {
    expect(escortServiceTypes.map(serviceTypeLabel)).toEqual(['陪诊', '代取药', '电话陪聊', '上门陪护']);
    expect(elderNeeds.map(elderNeedLabel)).toEqual(['轮椅', '听力障碍', '视力障碍', '只讲粤语', '记忆障碍']);
  });

  it('has a distinct Chinese label for every status and skill of the contract', () => {
    const statuses = escortStatuses.map(escortStatusLabel);
    expect(statuses).toEqual(['待接单', '已接单', '服务中', '已完成', '已取消']);
    const skills = volunteerSkills.map(skillLabel);
    expect(new Set(skills).size).toBe(volunteerSkills.length);
    expect(skills.every((label) => !label.startsWith('volunteerSkill.'))).toBe(true);
  });

  it('labels timeline steps, shows an unknown one as sent, and colours SOS red', () => {
    expect(escortActionLabel('accepted')).toBe('志愿者接单');
    expect(escortActionLabel('sos')).toBe('SOS 求助');
    expect(escortActionLabel('teleported')).toBe('teleported');
    expect(escortTimelineColor('sos')).toBe('red');
    expect(escortTimelineColor('completed')).toBe('green');
    expect(escortTimelineColor('teleported')).toBe('blue');
  });

  it('formats minutes, hour totals and ratings', () => {
    expect(formatMinutes(45)).toBe('45 分钟');
    expect(formatMinutes(120)).toBe('2 小时');
    expect(formatMinutes(150)).toBe('2 小时 30 分钟');
    expect(formatHourTotal(4321.46)).toBe('4321.5');
    expect(formatRating(4.86)).toBe('4.9');
    expect(formatRating(null)).toBe('—');
  });

  it('names a window by its Beijing day, whatever the instant is written in', () => {
    const now = Date.parse('2030-11-24T23:30:00+08:00');
    // 2030-11-24 is a Sunday.
    expect(weekdayLabel(0)).toBe('周日');
    expect(windowLabel('2030-11-24T01:00:00Z', '2030-11-24T03:00:00Z', now)).toBe('今天 09:00–11:00');
    expect(windowLabel('2030-11-25T09:00:00+08:00', '2030-11-25T11:30:00+08:00', now)).toBe(
      '明天 09:00–11:30',
    );
    expect(windowLabel('2030-11-27T14:00:00+08:00', '2030-11-27T15:00:00+08:00', now)).toBe(
      '11月27日 周三 14:00–15:00',
    );
  });

  it('reads availability Monday first, slots in order', () => {
    expect(
      availabilityLines([
        { weekday: 0, start: '09:00', end: '11:00' },
        { weekday: 1, start: '14:00', end: '17:00' },
        { weekday: 1, start: '08:00', end: '10:00' },
      ]),
    ).toEqual(['周一 08:00–10:00、14:00–17:00', '周日 09:00–11:00']);
  });

  it('says where a request goes', () => {
    expect(escortPlace({ hospital: '孙逸仙纪念医院', department: '心内科', destination: null })).toBe(
      '孙逸仙纪念医院 · 心内科',
    );
    expect(escortPlace({ hospital: null, department: null, destination: '大药房' })).toBe('大药房');
    expect(escortPlace({ hospital: null, department: null, destination: null })).toBeNull();
  });
});

describe('elder view', () => {
  const elder = makeElder();

  it('finds an elder by name, phone, address or contact, ignoring spaces', () => {
    expect(elderMatches(elder, '')).toBe(true);
    expect(elderMatches(elder, '陈 婆')).toBe(true);
    expect(elderMatches(elder, '84001234')).toBe(true);
    expect(elderMatches(elder, '江南中街')).toBe(true);
    expect(elderMatches(elder, '13800000001')).toBe(true);
    expect(elderMatches(elder, '李')).toBe(false);
  });

  it('writes a contact with the relation when known', () => {
    expect(contactLine({ name: '陈小明', phone: '13800000001', relation: '儿子' })).toBe(
      '陈小明（儿子）13800000001',
    );
    expect(contactLine({ name: '陈小明', phone: '13800000001', relation: null })).toBe('陈小明 13800000001');
  });
});
