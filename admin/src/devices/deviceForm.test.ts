import { describe, expect, it } from 'vitest';
import { makeDevice } from '../test/alarms';
import {
  buildRegisterRequest,
  checkUpdate,
  deviceUpdateDiff,
  editValues,
  serverFieldIssues,
} from './deviceForm';

describe('buildRegisterRequest', () => {
  it('keeps the zone class for a noise meter and drops what does not fit its type', () => {
    const built = buildRegisterRequest({
      id: ' noise-01 ',
      type: 'noise_meter',
      street: 'jiangnanzhong',
      lat: 23.108,
      lng: 113.27,
      zoneClass: '1',
      householdId: 'HZ-1',
      site: ' 庆祝广场 ',
      building: '',
    });
    expect(built).toEqual({
      ok: true,
      request: {
        id: 'noise-01',
        type: 'noise_meter',
        street: 'jiangnanzhong',
        lat: 23.108,
        lng: 113.27,
        zoneClass: '1',
        site: '庆祝广场',
      },
    });
  });

  it('asks for a household for detectors and says what is wrong per field, in Chinese', () => {
    const built = buildRegisterRequest({
      id: 'x',
      type: 'charging_detector',
      street: '',
      lat: null,
      zoneClass: '2',
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    const byName = Object.fromEntries(built.issues.map((issue) => [issue.name, issue.errors]));
    expect(Object.keys(byName).sort()).toEqual(['householdId', 'id', 'lat', 'lng', 'street']);
    expect(byName.householdId?.[0]).toContain('住户');
    expect(byName.id?.[0]).toContain('设备编号');
    expect(Object.values(byName).every((errors) => errors.length === 1)).toBe(true);
  });

  it('needs a zone class for a noise meter', () => {
    const built = buildRegisterRequest({
      id: 'noise-02',
      type: 'noise_meter',
      street: 's',
      lat: 23,
      lng: 113,
    });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.issues.map((issue) => issue.name)).toEqual(['zoneClass']);
  });
});

describe('deviceUpdateDiff', () => {
  const device = makeDevice();

  it('sends nothing when nothing changed', () => {
    expect(deviceUpdateDiff(device, editValues(device))).toEqual({});
  });

  it('sends only what changed, with cleared text as an empty string', () => {
    const diff = deviceUpdateDiff(device, {
      ...editValues(device),
      street: 'huazhou',
      lat: 23.1,
      zoneClass: '2',
      site: '',
      building: ' 3 号楼 ',
      disabled: true,
      householdId: 'ignored-for-noise',
    });
    expect(diff).toEqual({
      street: 'huazhou',
      lat: 23.1,
      zoneClass: '2',
      site: '',
      building: '3 号楼',
      disabled: true,
    });
    expect(checkUpdate(diff)).toEqual([]);
  });

  it('treats the street by name as unchanged, and updates a detector’s household', () => {
    const detector = makeDevice({
      type: 'charging_detector',
      zoneClass: null,
      householdId: 'HZ-1',
      site: null,
    });
    expect(deviceUpdateDiff(detector, { ...editValues(detector), street: '江南中街道' })).toEqual({});
    expect(deviceUpdateDiff(detector, { ...editValues(detector), householdId: 'HZ-2' })).toEqual({
      householdId: 'HZ-2',
    });
    expect(checkUpdate({ householdId: 'bad id!' })[0]?.name).toBe('householdId');
  });
});

describe('serverFieldIssues', () => {
  it('reads validation details and a conflict’s field', () => {
    expect(serverFieldIssues([{ path: 'street', message: '没有这个街道：X' }], '请求无效')).toEqual([
      { name: 'street', errors: ['没有这个街道：X'] },
    ]);
    expect(
      serverFieldIssues(
        { fields: [{ path: 'zoneClass', message: '噪声监测点需要声环境功能区类别' }] },
        '请求参数有误',
      ),
    ).toEqual([{ name: 'zoneClass', errors: ['噪声监测点需要声环境功能区类别'] }]);
    expect(serverFieldIssues({ field: 'id' }, '设备编号已存在')).toEqual([
      { name: 'id', errors: ['设备编号已存在'] },
    ]);
    expect(serverFieldIssues(undefined, 'x')).toEqual([]);
    expect(serverFieldIssues([{ nope: 1 }], 'x')).toEqual([]);
  });
});
