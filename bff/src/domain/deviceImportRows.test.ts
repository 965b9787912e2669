import {
  checkDeviceRows,
  deviceImportFingerprint,
  parseDeviceType,
  readDeviceSheet,
  type DeviceImportPlaces,
} from './deviceImportRows';

/** Two square streets side by side: west (lng 113.0–113.1) and east (113.1–113.2), lat 23.0–23.1. */
const square = (west: number): Array<Array<[number, number]>> => [
  [
    [west, 23.0],
    [west + 0.1, 23.0],
    [west + 0.1, 23.1],
    [west, 23.1],
    [west, 23.0],
  ],
];
const places: DeviceImportPlaces = {
  streets: [
    { id: 'west', name: '西街道', rings: square(113.0) },
    { id: 'east', name: '东街道', rings: square(113.1) },
  ],
};
const flat = { id: 'hh-1', address: '西街道1号', streetId: 'west', location: { lat: 23.05, lng: 113.05 } };
const households = new Map([
  ['hh-1', [flat]],
  ['西街道1号', [flat]],
  ['同名地址', [flat, { ...flat, id: 'hh-2' }]],
]);

describe('device import rows', () => {
  it('understands types by their Chinese names or codes', () => {
    expect(parseDeviceType('烟感')).toBe('smoke_detector');
    expect(parseDeviceType('电动车充电检测器')).toBe('charging_detector');
    expect(parseDeviceType('Noise-Meter')).toBe('noise_meter');
    expect(parseDeviceType('摄像头')).toBeUndefined();
  });

  it('reads the sheet under the row with 设备编号', () => {
    const sheet = readDeviceSheet([
      { row: 1, values: ['某小区设备清单'] },
      { row: 2, values: ['*设备编号', '类型'] },
      { row: 3, values: [' s-001 ', '烟感'] },
    ]);
    expect(sheet).toEqual({ ok: true, rows: [{ row: 3, cells: { 设备编号: 's-001', 类型: '烟感' } }] });
  });

  it('places an indoor device at its household, and checks the street, zone and scope', () => {
    const [indoor, meter, ambiguous, outside, scoped] = checkDeviceRows(
      [
        { row: 2, cells: { 设备编号: 'smoke-1', 类型: '烟感', 住户: '西街道1号' } },
        {
          row: 3,
          cells: {
            设备编号: 'noise-1',
            类型: '噪声监测仪',
            纬度: '23.05',
            经度: '113.15',
            声环境功能区: '4B类',
          },
        },
        { row: 4, cells: { 设备编号: 'smoke-2', 类型: '烟感', 住户: '同名地址' } },
        {
          row: 5,
          cells: { 设备编号: 'noise-2', 类型: 'noise_meter', 纬度: '30', 经度: '113.15', 声环境功能区: '1' },
        },
        {
          row: 6,
          cells: {
            设备编号: 'noise-3',
            类型: 'noise_meter',
            纬度: '23.05',
            经度: '113.15',
            声环境功能区: '1',
          },
        },
      ],
      places,
      households,
      {},
    );
    expect(indoor!.device).toMatchObject({ streetId: 'west', lat: 23.05, lng: 113.05, householdId: 'hh-1' });
    expect(meter!.device).toMatchObject({ streetId: 'east', zoneClass: '4b' });
    expect(ambiguous!.errors[0]!.message).toMatch(/请填写住户编号/);
    expect(outside!.errors[0]!.message).toBe('该位置不在本区任何一个街道内');
    expect(scoped!.errors).toEqual([]);

    const [refused] = checkDeviceRows([{ row: 2, cells: scoped!.cells }], places, households, {
      streetId: 'west',
    });
    expect(refused!.errors).toEqual([{ path: '纬度', message: '只能导入本街道（西街道）的设备' }]);
  });

  it('fingerprints what the device is, not how the row was written', () => {
    const device = {
      id: 'n',
      type: 'noise_meter' as const,
      streetId: 'east',
      streetName: '东街道',
      lat: 23,
      lng: 113,
    };
    expect(deviceImportFingerprint({ ...device, site: '路口' })).toBe(deviceImportFingerprint(device));
    expect(deviceImportFingerprint({ ...device, lat: 23.0001 })).not.toBe(deviceImportFingerprint(device));
  });
});
