import { staffPasswordSchema, type DistrictMap, type User } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  createRequestOf,
  editRequestOf,
  emptyStaffForm,
  endsSessions,
  generatedPassword,
  gridOptions,
  needsStreet,
  staffFormOf,
} from './staffForm';

const officer: User = {
  id: 'u1',
  name: '赵队员',
  roles: ['officer'],
  username: 'zhao',
  streetId: 'chigang',
  streetName: '赤岗街道',
  squadId: 'squad-chigang',
  phone: '13800138000',
};

describe('the staff drawer', () => {
  it('makes a create request from the filled fields, a grid only for a community worker', () => {
    expect(
      createRequestOf({
        ...emptyStaffForm,
        username: ' li.si ',
        password: 'first-pass-1',
        name: ' 李四 ',
        roles: ['officer'],
        street: 'chigang',
        grid: 'chigang-g1',
        phone: ' ',
      }),
    ).toEqual({
      username: 'li.si',
      password: 'first-pass-1',
      name: '李四',
      roles: ['officer'],
      street: 'chigang',
    });
    expect(
      createRequestOf({
        ...emptyStaffForm,
        roles: ['community_worker'],
        street: 'chigang',
        grid: 'chigang-g1',
      }),
    ).toMatchObject({ grid: 'chigang-g1' });
  });

  it('sends only what changed, clearing blanked fields, and nothing when nothing changed', () => {
    const form = staffFormOf(officer);
    expect(editRequestOf(officer, form)).toBeNull();
    expect(editRequestOf(officer, { ...form, roles: ['officer'], name: '赵队员 ' })).toBeNull();
    const renamed = editRequestOf(officer, { ...form, name: '赵大队员', phone: '' });
    expect(renamed).toEqual({ name: '赵大队员', phone: null });
    expect(endsSessions(renamed!)).toBe(false);
    const moved = editRequestOf(officer, { ...form, street: 'huazhou' });
    expect(moved).toEqual({ street: 'huazhou' });
    expect(endsSessions(moved!)).toBe(true);
    expect(editRequestOf(officer, { ...form, roles: ['squad_leader', 'officer'] })).toEqual({
      roles: ['squad_leader', 'officer'],
    });
  });

  it('offers the grids of the chosen street, and says who needs a street', () => {
    const district = {
      grids: [
        { properties: { id: 'chigang-g1', name: '第1网格', streetId: 'chigang', community: '广州塔社区' } },
        { properties: { id: 'huazhou-g1', name: '第1网格', streetId: 'huazhou', community: '华洲社区' } },
      ],
    } as unknown as DistrictMap;
    expect(gridOptions(district, 'chigang')).toEqual([
      { value: 'chigang-g1', label: '广州塔社区 · 第1网格' },
    ]);
    expect(gridOptions(district, undefined)).toEqual([]);
    expect(needsStreet(['squad_leader'])).toBe(true);
    expect(needsStreet(['dispatcher', 'admin'])).toBe(false);
  });
});

describe('a generated first password', () => {
  it('meets the password rules and draws again when it would not', () => {
    expect(staffPasswordSchema.safeParse(generatedPassword()).success).toBe(true);
    let calls = 0;
    // All "A" first (no digit), then "9A" over and over.
    const draws = (count: number) =>
      calls++ === 0
        ? new Uint32Array(count)
        : Uint32Array.from({ length: count }, (_, i) => (i % 2 ? 0 : 55));
    expect(generatedPassword(draws)).toBe('9A9A9A9A9A9A');
    expect(calls).toBe(2);
  });
});
