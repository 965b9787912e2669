import { staffRoles, type Role } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  canSeeEscortStatistics,
  canSeeSystemHealth,
  dashboardScope,
  isDistrictWide,
  streetsInReach,
  streetToAsk,
} from './scope';

const only = (predicate: (roles: Role[]) => boolean) => staffRoles.filter((role) => predicate([role]));

describe('dashboard scope rules', () => {
  it('lets only admins and dispatchers see the system’s health', () => {
    expect(only(canSeeSystemHealth)).toEqual(['dispatcher', 'admin']);
    expect(canSeeSystemHealth(['officer'])).toBe(false);
    expect(canSeeSystemHealth(['community_worker'])).toBe(false);
  });

  it('gives the street filter to district-wide roles only', () => {
    expect(only(isDistrictWide)).toEqual(['dispatcher', 'admin']);
  });

  it('shows escort figures to the roles the BFF lets read them', () => {
    expect(only(canSeeEscortStatistics)).toEqual(['community_worker', 'dispatcher', 'admin']);
  });

  it('fixes a street role to the street of their account', () => {
    expect(dashboardScope({ roles: ['squad_leader'], streetId: 'huazhou', streetName: '华洲街道' })).toEqual({
      kind: 'street',
      streetId: 'huazhou',
      streetName: '华洲街道',
    });
    expect(dashboardScope({ roles: ['officer'] })).toEqual({
      kind: 'street',
      streetId: null,
      streetName: null,
    });
    expect(dashboardScope({ roles: ['dispatcher'], streetId: 'huazhou' })).toEqual({ kind: 'district' });
    // A street's administrator, like the street's staff; the district's administrator chooses.
    expect(dashboardScope({ roles: ['admin'], streetId: 'chigang', streetName: '赤岗街道' })).toEqual({
      kind: 'street',
      streetId: 'chigang',
      streetName: '赤岗街道',
    });
    expect(dashboardScope({ roles: ['admin'] })).toEqual({ kind: 'district' });
  });

  it('asks for a chosen street only on behalf of a district role', () => {
    expect(streetToAsk({ kind: 'district' }, 'huazhou')).toBe('huazhou');
    expect(streetToAsk({ kind: 'district' }, undefined)).toBeUndefined();
    expect(
      streetToAsk({ kind: 'street', streetId: 'ruibao', streetName: '瑞宝街道' }, 'huazhou'),
    ).toBeUndefined();
  });

  it('offers a street filter all streets district-wide, and only their own to a street’s administrator', () => {
    const streets = [{ id: 'huazhou' }, { id: 'chigang' }];
    expect(streetsInReach({ roles: ['admin'] }, streets)).toEqual(streets);
    expect(streetsInReach({ roles: ['admin', 'dispatcher'], streetId: 'chigang' }, streets)).toEqual(streets);
    expect(streetsInReach({ roles: ['admin'], streetId: 'chigang' }, streets)).toEqual([{ id: 'chigang' }]);
    expect(streetsInReach({ roles: ['squad_leader'], streetId: 'huazhou' }, streets)).toEqual([
      { id: 'huazhou' },
    ]);
    expect(streetsInReach(undefined, streets)).toEqual(streets);
  });
});
