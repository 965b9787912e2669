import { type DeviceImportResult, type DeviceImportRow } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { canCommit, cellOf, fileProblem, secretsFilename, usedColumns } from './deviceImportModel';

const meter: DeviceImportRow = {
  row: 2,
  status: 'ready',
  cells: { 设备编号: 'noise-1', 类型: 'noise_meter', 纬度: '23.108', 经度: '113.27', 声环境功能区: '4A类' },
  device: {
    id: 'noise-1',
    type: 'noise_meter',
    streetId: 'jiangnanzhong',
    streetName: '江南中街道',
    lat: 23.108,
    lng: 113.27,
    zoneClass: '4a',
  },
  errors: [],
};

describe('device import model', () => {
  it('refuses other kinds of file, empty ones and those over the limit', () => {
    expect(fileProblem({ name: 'a.xls', size: 10 })).toBe('deviceImport.fileType');
    expect(fileProblem({ name: 'a.csv', size: 0 })).toBe('deviceImport.fileEmpty');
    expect(fileProblem({ name: 'a.XLSX', size: 3 * 1024 * 1024 })).toBe('deviceImport.fileTooLarge');
    expect(fileProblem({ name: 'a.xlsx', size: 10 })).toBeNull();
  });

  it('shows a valid row as understood and a bad one as written', () => {
    expect(cellOf(meter, '类型')).toBe('噪声监测仪');
    expect(cellOf(meter, '街道')).toBe('江南中街道');
    expect(cellOf(meter, '声环境功能区')).toBe('4a');
    const bad = { ...meter, status: 'invalid' as const, errors: [{ path: '街道', message: 'x' }] };
    expect(cellOf(bad, '类型')).toBe('noise_meter');
  });

  it('shows only the columns some row uses, and commits only what is ready', () => {
    const result: DeviceImportResult = {
      committed: false,
      rows: [meter],
      totals: { rows: 1, ready: 1, created: 0, alreadyImported: 0, invalid: 0 },
    };
    expect(usedColumns(result)).toEqual(['设备编号', '类型', '纬度', '经度', '街道', '声环境功能区']);
    expect(canCommit(result)).toBe(true);
    expect(canCommit({ ...result, committed: true })).toBe(false);
    expect(secretsFilename(Date.UTC(2026, 11, 3, 2, 30))).toBe('设备密钥_2026-12-03_1030.xlsx');
  });
});
