import { districtMapSchema, type Household } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { testDistrict } from '../test/district';
import { buildCreateRequest, householdLabel, householdUpdateDiff, placeOfPin } from './householdForm';

const district = districtMapSchema.parse(testDistrict);

const household: Household = {
  id: 'hh-1',
  streetId: 'chigang',
  streetName: '赤岗街道',
  address: '赤岗路 1 号 302',
  location: { lat: 23.105, lng: 113.31 },
  gridId: 'chigang-g1',
  gridName: '赤岗社区第1网格',
  ownerIds: [],
  owners: [],
  contacts: [{ name: '黄先生', phone: '13800002222' }],
  chargingAlarmCount: 0,
};

describe('placeOfPin', () => {
  it('names the street and grid under the pin, as the BFF derives them', () => {
    expect(placeOfPin(district, { lat: 23.105, lng: 113.31 })).toEqual({
      streetId: 'chigang',
      streetName: '赤岗街道',
      gridName: '赤岗社区第1网格',
    });
    expect(placeOfPin(district, { lat: 23.105, lng: 113.33 })?.gridName).toBe('广州塔社区第1网格');
  });

  it('says when the pin is outside the district', () => {
    expect(placeOfPin(district, { lat: 39.9, lng: 116.4 })).toBeNull();
  });
});

describe('buildCreateRequest', () => {
  it('needs an address and a pin, and drops empty contact rows', () => {
    expect(buildCreateRequest({ location: { lat: 1, lng: 2 } })).toEqual({ ok: false, missing: 'address' });
    expect(buildCreateRequest({ address: ' 赤岗路 ' })).toEqual({ ok: false, missing: 'location' });
    expect(
      buildCreateRequest({
        address: ' 赤岗路 2 号 ',
        location: { lat: 23.1, lng: 113.3 },
        contacts: [
          { name: ' 黄先生 ', phone: '13800002222' },
          { name: '', phone: '' },
        ],
      }),
    ).toEqual({
      ok: true,
      request: {
        address: '赤岗路 2 号',
        location: { lat: 23.1, lng: 113.3 },
        ownerIds: [],
        contacts: [{ name: '黄先生', phone: '13800002222' }],
      },
    });
  });
});

describe('householdUpdateDiff', () => {
  it('sends only what changed', () => {
    expect(
      householdUpdateDiff(household, {
        address: household.address,
        location: household.location,
        contacts: household.contacts,
      }),
    ).toEqual({});
    expect(
      householdUpdateDiff(household, {
        address: '赤岗路 3 号',
        location: { lat: 23.106, lng: 113.31 },
        contacts: [],
      }),
    ).toEqual({ address: '赤岗路 3 号', location: { lat: 23.106, lng: 113.31 }, contacts: [] });
  });
});

describe('naming households', () => {
  it('shows the address with its street, never the id', () => {
    expect(householdLabel(household)).toBe('赤岗路 1 号 302（赤岗街道）');
    expect(householdLabel({ ...household, streetName: null })).toBe('赤岗路 1 号 302');
  });
});
