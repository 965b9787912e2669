import { elderNeeds, escortServiceTypes, escortStatuses, volunteerSkills } from '@jiefang/contracts';
import {
  dialablePhone,
  escortActionLabel,
  escortStatusHint,
  escortStatusLabel,
  escortStatusTone,
  escortDistance,
  formatDistance,
  formatMinutes,
  hoursDecimal,
  isMaskedPhone,
  maskPhone,
  needLabel,
  serviceDescription,
  serviceIcon,
  serviceLabel,
  serviceTitle,
  skillLabel,
  timelineNewestFirst,
} from './labels';

describe('labels', () => {
  it('names every service in Chinese, with a description and an icon', () => {
    expect(escortServiceTypes.map(serviceLabel)).toEqual(['陪诊', '代取药', '电话陪聊', '上门探访']);
    for (const type of escortServiceTypes) {
      expect(serviceDescription(type)).not.toBe('');
      expect(serviceIcon(type)).not.toBe('');
    }
    expect(serviceTitle({ serviceType: 'medicine_pickup', serviceName: '代取药' })).toBe('💊 代取药');
    expect(serviceTitle({ serviceType: 'medicine_pickup', serviceName: '' })).toBe('💊 代取药');
  });

  it('gives every status a name, a plain next-step sentence and a badge tone', () => {
    expect(Object.fromEntries(escortStatuses.map((s) => [s, escortStatusLabel(s)]))).toEqual({
      open: '等待接单',
      accepted: '已接单',
      in_progress: '服务中',
      completed: '已完成',
      cancelled: '已取消',
    });
    for (const status of escortStatuses) expect(escortStatusHint(status)).toMatch(/[\u4e00-\u9fff]/);
    expect(escortStatuses.map(escortStatusTone)).toEqual([
      'waiting',
      'working',
      'working',
      'done',
      'cancelled',
    ]);
  });

  it('names the volunteer skills and the elders’ needs', () => {
    expect(volunteerSkills.map(skillLabel)).toEqual(['轮椅协助', '粤语', '急救', '手语', '驾车']);
    expect(elderNeeds.map(needLabel)).toEqual(['坐轮椅', '听力不好', '视力不好', '只会讲粤语', '记性不好']);
  });

  it('translates timeline actions, and one it does not know as 进度更新', () => {
    expect(escortActionLabel('booked')).toBe('提交预约');
    expect(escortActionLabel('accepted')).toBe('志愿者接单');
    expect(escortActionLabel('checked_in')).toBe('志愿者到达签到');
    expect(escortActionLabel('withdrawn_late')).toBe(escortActionLabel('withdrawn'));
    expect(escortActionLabel('completed')).toBe('服务完成');
    expect(escortActionLabel('rated')).toBe('已评价');
    expect(escortActionLabel('sos')).toBe('紧急求助');
    expect(escortActionLabel('escalated')).toBe('暂无志愿者接单，已转社区工作者跟进');
    expect(escortActionLabel('teleport')).toBe('进度更新');
    expect(escortActionLabel('toString')).toBe('进度更新');
  });

  it('puts the newest timeline entry first', () => {
    const entries = [{ at: '2026-11-24T09:00:00+08:00' }, { at: '2026-11-24T10:00:00+08:00' }];
    expect(timelineNewestFirst(entries).map((e) => e.at)).toEqual([
      '2026-11-24T10:00:00+08:00',
      '2026-11-24T09:00:00+08:00',
    ]);
  });
});

describe('phone numbers', () => {
  it('masks mobiles and landlines, and leaves a number the BFF masked as it is', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 138 1234 1234 ')).toBe('138****1234');
    expect(maskPhone('020-84561234')).toBe('020-****1234');
    expect(maskPhone('0757-8456123')).toBe('0757-****6123');
    expect(maskPhone('138****1234')).toBe('138****1234');
    expect(maskPhone('95595')).toBe('*5595');
    expect(maskPhone('')).toBe('');
  });

  it('dials only a number that is not masked', () => {
    expect(isMaskedPhone('138****1234')).toBe(true);
    expect(dialablePhone('138****1234')).toBeUndefined();
    expect(dialablePhone('13812341234')).toBe('13812341234');
    expect(dialablePhone('020-84561234')).toBe('02084561234');
    expect(dialablePhone(null)).toBeUndefined();
    expect(dialablePhone('call me')).toBeUndefined();
  });
});

describe('distances and hours', () => {
  it('shows distances in metres (to 10 m) or kilometres (to 0.1 km)', () => {
    expect(formatDistance(784)).toBe('约 780 米');
    expect(formatDistance(3)).toBe('约 10 米');
    expect(formatDistance(2449)).toBe('约 2.4 公里');
    expect(formatDistance(null)).toBeUndefined();
    expect(formatDistance(-1)).toBeUndefined();
  });

  it('shows an open escort’s band, and the exact distance only when the BFF gives one', () => {
    const band = { minKm: 1, maxKm: 2, label: '约 1–2 公里' };
    expect(escortDistance({ distanceM: null, distanceBand: band })).toBe('约 1–2 公里');
    expect(escortDistance({ distanceM: 784, distanceBand: null })).toBe('约 780 米');
    expect(escortDistance({ distanceM: null, distanceBand: null })).toBeUndefined();
  });

  it('shows service time in hours and minutes', () => {
    expect(formatMinutes(45)).toBe('45 分钟');
    expect(formatMinutes(120)).toBe('2 小时');
    expect(formatMinutes(750)).toBe('12 小时 30 分');
    expect(formatMinutes(-5)).toBe('0 分钟');
    expect(hoursDecimal(750)).toBe('12.5');
    expect(hoursDecimal(120)).toBe('2');
    expect(hoursDecimal(0)).toBe('0');
    expect(hoursDecimal(100)).toBe('1.7');
  });
});
