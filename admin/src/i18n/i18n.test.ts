import { roles } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { format, t } from './index';
import { roleLabel, roleLabels } from './roles';
import { zhCN, zhCNAreas } from './zh-CN';

describe('roleLabel', () => {
  it('names each role as staff know it', () => {
    expect(roleLabel('resident')).toBe('居民');
    expect(roleLabel('volunteer')).toBe('志愿者');
    expect(roleLabel('property_owner')).toBe('业主');
    expect(roleLabel('community_worker')).toBe('社区工作者');
    expect(roleLabel('officer')).toBe('执法队员');
    expect(roleLabel('squad_leader')).toBe('中队长');
    expect(roleLabel('dispatcher')).toBe('调度员');
    expect(roleLabel('admin')).toBe('管理员');
  });

  it('has a distinct label for every role of the contract', () => {
    const labels = roles.map(roleLabel);
    expect(labels.every((label) => label.length > 0 && !label.startsWith('role.'))).toBe(true);
    expect(new Set(labels).size).toBe(roles.length);
  });

  it('lists a user’s roles in contract order without duplicates', () => {
    expect(roleLabels(['admin', 'officer', 'admin'])).toEqual(['执法队员', '管理员']);
  });
});

describe('t', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('health.latency', { ms: 3 })).toBe('3 毫秒');
    expect(format('{a} 和 {b}', { a: '甲' })).toBe('甲 和 {b}');
  });

  it('has no empty messages', () => {
    expect(Object.entries(zhCN).filter(([, message]) => message.trim() === '')).toEqual([]);
  });

  it('defines each key in one area file only', () => {
    const keys = Object.values(zhCNAreas).flatMap((area) => Object.keys(area));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    expect(keys).toHaveLength(Object.keys(zhCN).length);
  });
});
