import { addressBook, ownerAlarmPlace, validateBinding } from './bindHousehold';

describe('validateBinding', () => {
  it('accepts a mainland mobile written with +86 or spaces and a 6-digit code', () => {
    expect(validateBinding('+86 139 0000 1111', ' 012345 ')).toEqual({
      ok: true,
      phone: '13900001111',
      code: '012345',
    });
  });

  it('says which half is wrong, in Chinese', () => {
    expect(validateBinding('1390000', '012345')).toEqual({ ok: false, message: '请填写 11 位手机号' });
    expect(validateBinding('13900001111', '12345')).toEqual({ ok: false, message: '请填写 6 位数字邀请码' });
  });
});

describe('ownerAlarmPlace', () => {
  const addresses = addressBook([{ id: 'hh-502', address: '赤岗路 1 号 502' }]);
  const alarm = { site: null, householdId: 'hh-502', streetName: '赤岗街道' };

  it('names the place by site, else the household address, else the street; never by id', () => {
    expect(ownerAlarmPlace({ ...alarm, site: '3 栋 502 房' }, addresses)).toBe('3 栋 502 房');
    expect(ownerAlarmPlace(alarm, addresses)).toBe('赤岗路 1 号 502');
    expect(ownerAlarmPlace({ ...alarm, householdId: 'hh-other' }, addresses)).toBe('赤岗街道');
    expect(ownerAlarmPlace({ ...alarm, householdId: 'hh-other', streetName: null }, addresses)).toBe(
      '我的住户',
    );
  });
});
