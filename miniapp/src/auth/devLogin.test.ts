import { streetChoiceFor, validateDevLogin } from './devLogin';

describe('dev login form', () => {
  it('asks squad members for a street, community workers optionally, others not at all', () => {
    expect(streetChoiceFor('officer')).toBe('required');
    expect(streetChoiceFor('squad_leader')).toBe('required');
    expect(streetChoiceFor('community_worker')).toBe('optional');
    expect(streetChoiceFor('resident')).toBe('hidden');
    expect(streetChoiceFor('dispatcher')).toBe('hidden');
  });

  it('builds the request the contract expects, trimming the name', () => {
    expect(validateDevLogin({ name: '  张三 ', role: 'officer', street: 'chigang' })).toEqual({
      ok: true,
      request: { name: '张三', role: 'officer', street: 'chigang' },
    });
  });

  it('drops a street the role does not use', () => {
    expect(validateDevLogin({ name: '李四', role: 'resident', street: 'chigang' })).toEqual({
      ok: true,
      request: { name: '李四', role: 'resident' },
    });
  });

  it('refuses an empty name or a missing street with a Chinese message', () => {
    expect(validateDevLogin({ name: '  ', role: 'resident', street: undefined })).toEqual({
      ok: false,
      message: '请填写姓名',
    });
    expect(validateDevLogin({ name: '王五', role: 'squad_leader', street: undefined })).toEqual({
      ok: false,
      message: '请选择所属街道',
    });
  });
});
