import {
  adminReachesStreet,
  adminStreetOf,
  listedStreet,
  manages,
  placementRefusal,
  reachOf,
  reachesDistrict,
  sessionsMustEnd,
  squadLeft,
} from './staffScope';

const district = reachOf({});
const chigang = reachOf({ streetId: 'chigang' });

describe('an administrator’s reach', () => {
  it('lets the district’s administrator manage every account, a street’s only its street’s', () => {
    expect(manages(district, {})).toBe(true);
    expect(manages(district, { streetId: 'huazhou' })).toBe(true);
    expect(manages(chigang, { streetId: 'chigang' })).toBe(true);
    expect(manages(chigang, { streetId: 'huazhou' })).toBe(false);
    // District-level accounts (dispatchers, the district's administrators) have no street.
    expect(manages(chigang, {})).toBe(false);
  });

  it('keeps a street administrator’s accounts in their street, without district-wide roles', () => {
    expect(placementRefusal(district, { roles: ['admin'] })).toBeNull();
    expect(placementRefusal(chigang, { roles: ['officer'], streetId: 'chigang' })).toBeNull();
    expect(placementRefusal(chigang, { roles: ['admin'], streetId: 'chigang' })).toBeNull();
    expect(placementRefusal(chigang, { roles: ['admin'] })).toMatch(/本街道/);
    expect(placementRefusal(chigang, { roles: ['officer'], streetId: 'huazhou' })).toMatch(/本街道/);
    expect(placementRefusal(chigang, { roles: ['dispatcher'], streetId: 'chigang' })).toMatch(/调度员/);
  });

  it('limits a street administrator’s list to their street and refuses another', () => {
    expect(listedStreet(district, undefined)).toBeUndefined();
    expect(listedStreet(district, 'huazhou')).toBe('huazhou');
    expect(listedStreet(chigang, undefined)).toBe('chigang');
    expect(listedStreet(chigang, 'chigang')).toBe('chigang');
    expect(listedStreet(chigang, 'huazhou')).toBeNull();
  });
});

describe('the street an administrator’s session limits them to', () => {
  it('is a street admin’s own street; the district’s admin, dispatchers and other roles have none', () => {
    expect(adminStreetOf({ roles: ['admin'], streetId: 'chigang' })).toBe('chigang');
    expect(adminStreetOf({ roles: ['admin'] })).toBeUndefined();
    expect(adminStreetOf({ roles: ['admin', 'dispatcher'], streetId: 'chigang' })).toBeUndefined();
    expect(adminStreetOf({ roles: ['community_worker'], streetId: 'chigang' })).toBeUndefined();
    expect(reachesDistrict({ roles: ['admin'] })).toBe(true);
    expect(reachesDistrict({ roles: ['dispatcher'], streetId: 'chigang' })).toBe(true);
    expect(reachesDistrict({ roles: ['admin'], streetId: 'chigang' })).toBe(false);
    expect(reachesDistrict({ roles: ['squad_leader'] })).toBe(false);
    expect(adminReachesStreet({ roles: ['admin'], streetId: 'chigang' }, 'chigang')).toBe(true);
    expect(adminReachesStreet({ roles: ['admin'], streetId: 'chigang' }, 'huazhou')).toBe(false);
    expect(adminReachesStreet({ roles: ['admin'], streetId: 'chigang' }, null)).toBe(false);
    expect(adminReachesStreet({ roles: ['admin'] }, null)).toBe(true);
  });
});

describe('what an edit ends', () => {
  it('ends sessions when the street changes: the token carries it', () => {
    const admin = { roles: ['admin' as const], streetId: 'chigang' };
    expect(sessionsMustEnd(admin, { ...admin })).toBe(false);
    expect(sessionsMustEnd(admin, { roles: ['admin'] })).toBe(true);
    expect(sessionsMustEnd(admin, { ...admin, streetId: 'huazhou' })).toBe(true);
  });

  it('ends sessions when the roles or the squad change, not for the same roles in another order', () => {
    const officer = { roles: ['officer' as const], squadId: 'squad-chigang' };
    expect(sessionsMustEnd(officer, { ...officer })).toBe(false);
    expect(sessionsMustEnd(officer, { ...officer, squadId: 'squad-huazhou' })).toBe(true);
    expect(sessionsMustEnd(officer, { ...officer, roles: ['officer', 'squad_leader'] })).toBe(true);
    expect(sessionsMustEnd({ roles: ['admin', 'dispatcher'] }, { roles: ['dispatcher', 'admin'] })).toBe(
      false,
    );
  });

  it('names the squad left behind, if any', () => {
    expect(squadLeft({ squadId: 'squad-chigang' }, { squadId: 'squad-huazhou' })).toBe('squad-chigang');
    expect(squadLeft({ squadId: 'squad-chigang' }, {})).toBe('squad-chigang');
    expect(squadLeft({ squadId: 'squad-chigang' }, { squadId: 'squad-chigang' })).toBeUndefined();
    expect(squadLeft({}, { squadId: 'squad-chigang' })).toBeUndefined();
  });
});
