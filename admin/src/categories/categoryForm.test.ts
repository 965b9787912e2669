import { type Category, type CategoryRevision } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { categoryEditOf, formValuesOf, iconGlyph, revisionChanges } from './categoryForm';

const vending: Category = {
  code: 'street_vending',
  name: '占道经营',
  icon: 'cart',
  department: 'urban_management',
  departmentName: '城管执法',
  priority: 'normal',
  onSiteSlaMinutes: 15,
  enabled: true,
  version: 3,
};

describe('categoryEditOf', () => {
  it('sends only what changed, trimmed, with the version it was edited from', () => {
    const values = { ...formValuesOf(vending), name: ' 流动摊贩 ', onSiteSlaMinutes: 20 };
    expect(categoryEditOf(vending, values)).toEqual({
      expectedVersion: 3,
      name: '流动摊贩',
      onSiteSlaMinutes: 20,
    });
  });

  it('is null when nothing changed', () => {
    expect(categoryEditOf(vending, { ...formValuesOf(vending), name: '占道经营 ' })).toBeNull();
  });

  it('switches a category off on its own', () => {
    expect(categoryEditOf(vending, { ...formValuesOf(vending), enabled: false })).toEqual({
      expectedVersion: 3,
      enabled: false,
    });
  });
});

describe('revisionChanges', () => {
  it('names each changed field with its value before and after, in Chinese', () => {
    const revision: CategoryRevision = {
      code: 'street_vending',
      version: 4,
      at: '2030-01-01T02:00:00.000Z',
      byId: 'u-1',
      byName: '区管理员',
      changed: ['icon', 'priority', 'onSiteSlaMinutes', 'enabled'],
      before: vending,
      after: {
        ...vending,
        icon: 'warning',
        priority: 'urgent',
        onSiteSlaMinutes: 10,
        enabled: false,
        version: 4,
      },
    };
    expect(revisionChanges(revision)).toEqual([
      `图标：${iconGlyph('cart')} → ${iconGlyph('warning')}`,
      '优先级：一般 → 紧急',
      '到场时限：15 分钟 → 10 分钟',
      '状态：启用 → 停用',
    ]);
  });
});
