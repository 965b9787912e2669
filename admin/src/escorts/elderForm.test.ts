import { describe, expect, it } from 'vitest';
import { buildElderRequest, contactRowPath, elderFieldIssues } from './elderForm';
import { groupIssues, namePath, serverPathIssues } from './fieldErrors';

describe('buildElderRequest', () => {
  it('trims text, drops blank contact rows and an empty relation', () => {
    const built = buildElderRequest({
      name: ' 陈婆婆 ',
      phone: '020-84001234',
      address: ' 江南中街 12 号 ',
      lat: 23.108,
      lng: 113.27,
      needs: ['wheelchair', 'memory_loss'],
      emergencyContacts: [{ name: '陈小明', phone: '13800000001', relation: ' ' }, {}, { name: '' }],
      familyUserIds: [' wx-1 ', ''],
    });
    expect(built).toEqual({
      ok: true,
      request: {
        name: '陈婆婆',
        phone: '020-84001234',
        address: '江南中街 12 号',
        lat: 23.108,
        lng: 113.27,
        needs: ['wheelchair', 'memory_loss'],
        emergencyContacts: [{ name: '陈小明', phone: '13800000001' }],
        familyUserIds: ['wx-1'],
      },
      contactRows: [0],
    });
  });

  it('puts the BFF’s contact errors back on the row they came from', () => {
    const built = buildElderRequest({
      name: '陈婆婆',
      phone: '020-84001234',
      address: '江南中街 12 号',
      lat: 23.1,
      lng: 113.27,
      emergencyContacts: [{}, { name: '陈小明', phone: '13800000001' }],
    });
    expect(built.ok && built.contactRows).toEqual([1]);
    expect(contactRowPath('emergencyContacts.0.phone', [1])).toBe('emergencyContacts.1.phone');
    expect(contactRowPath('emergencyContacts.3', [1])).toBe('emergencyContacts.3');
    expect(contactRowPath('phone', [1])).toBe('phone');
  });

  it('says what is wrong per field, in Chinese, with contact errors on their row', () => {
    const built = buildElderRequest({
      name: '',
      phone: '12345',
      address: '',
      lat: null,
      emergencyContacts: [{}, { name: '', phone: '1380000' }],
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    const byName = Object.fromEntries(built.issues.map((issue) => [issue.name.join('.'), issue.errors]));
    expect(byName).toEqual({
      name: ['请填写姓名'],
      phone: ['请填写手机号或带区号的座机号'],
      address: ['请填写住址'],
      lat: ['请填写纬度（-90 到 90），或按街道定位'],
      lng: ['请填写经度（-180 到 180），或按街道定位'],
      'emergencyContacts.1.name': ['请填写联系人姓名'],
      'emergencyContacts.1.phone': ['请填写手机号或带区号的座机号'],
    });
    expect(built.issues.find((issue) => issue.name[0] === 'emergencyContacts')?.name).toEqual([
      'emergencyContacts',
      1,
      'name',
    ]);
  });
});

describe('BFF field errors', () => {
  const fields = [
    { path: 'windowStart', message: '与该长者 09:30–10:30 的预约时间重叠' },
    { path: 'windowStart', message: '与该长者 09:30–10:30 的预约时间重叠' },
    { path: 'hospital', message: '陪诊请填写医院' },
    { path: '(body)', message: '请求体有误' },
  ];

  it('reads `details.fields` (400), a bare list, and `{ field }` (409)', () => {
    expect(serverPathIssues({ fields }, '请求参数有误')).toEqual(fields);
    expect(serverPathIssues(fields, '请求参数有误')).toEqual(fields);
    expect(serverPathIssues({ field: 'phone' }, '电话已登记')).toEqual([
      { path: 'phone', message: '电话已登记' },
    ]);
    expect(serverPathIssues({ status: 'accepted' }, '需求已被接单')).toEqual([]);
    expect(serverPathIssues(undefined, 'x')).toEqual([]);
    expect(serverPathIssues({ fields: [{ path: 1 }, 'x'] }, 'x')).toEqual([]);
  });

  it('groups issues onto form fields without repeats, the rest as general', () => {
    const map = (path: string) =>
      path === 'windowStart' ? 'startTime' : path === 'hospital' ? 'hospital' : null;
    expect(groupIssues(fields, map)).toEqual({
      fields: { startTime: ['与该长者 09:30–10:30 的预约时间重叠'], hospital: ['陪诊请填写医院'] },
      general: ['请求体有误'],
    });
  });

  it('puts a contact row’s BFF error on that row, in Chinese where the BFF was not', () => {
    expect(namePath('emergencyContacts.0.phone')).toEqual(['emergencyContacts', 0, 'phone']);
    expect(
      elderFieldIssues([
        { path: 'emergencyContacts.0.phone', message: '请填写手机号或带区号的座机号' },
        { path: 'lat', message: 'Too big: expected number to be <=90' },
        { path: 'emergencyContacts', message: 'Too big: expected array to have <=5 items' },
      ]),
    ).toEqual([
      { name: ['emergencyContacts', 0, 'phone'], errors: ['请填写手机号或带区号的座机号'] },
      { name: ['lat'], errors: ['请填写纬度（-90 到 90），或按街道定位'] },
      { name: ['emergencyContacts', 0, 'name'], errors: ['请填写联系人姓名'] },
    ]);
  });
});
