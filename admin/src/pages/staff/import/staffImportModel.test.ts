import { type StaffImportResult, type StaffImportRow } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  canCommit,
  cellOf,
  createdRows,
  errorsByColumn,
  fileProblem,
  passwordsFilename,
  usedColumns,
  workbookBlob,
} from './staffImportModel';

const good: StaffImportRow = {
  row: 2,
  status: 'ready',
  cells: { 用户名: 'CG-Li', 姓名: '李四', 角色: '网格员', 网格: 'chigang-g1' },
  account: {
    username: 'cg-li',
    name: '李四',
    roles: ['community_worker'],
    streetId: 'chigang',
    streetName: '赤岗街道',
    gridId: 'chigang-g1',
    gridName: '赤岗社区第1网格',
  },
  errors: [],
};

const bad: StaffImportRow = {
  row: 3,
  status: 'invalid',
  cells: { 用户名: 'x', 手机号: '1380000' },
  errors: [
    { path: '用户名', message: '太短' },
    { path: '手机号', message: '请填写 11 位中国大陆手机号' },
    { path: '用户名', message: '与第 2 行的用户名重复' },
  ],
};

const resultOf = (rows: StaffImportRow[], committed: boolean, ready: number): StaffImportResult => ({
  committed,
  rows,
  totals: { rows: rows.length, ready, created: 0, alreadyImported: 0, invalid: 0 },
});

describe('staff import page logic', () => {
  it('accepts .xlsx and .csv files up to 2 MB before sending them', () => {
    expect(fileProblem({ name: '名单.XLSX', size: 10 })).toBeNull();
    expect(fileProblem({ name: 'staff.csv', size: 10 })).toBeNull();
    expect(fileProblem({ name: 'staff.xls', size: 10 })).toBe('staffImport.fileType');
    expect(fileProblem({ name: 'staff.csv', size: 0 })).toBe('staffImport.fileEmpty');
    expect(fileProblem({ name: 'staff.xlsx', size: 3 * 1024 * 1024 })).toBe('staffImport.fileTooLarge');
  });

  it('gathers a row’s errors by column, to mark the bad cells', () => {
    expect(errorsByColumn(bad)).toEqual(
      new Map([
        ['用户名', ['太短', '与第 2 行的用户名重复']],
        ['手机号', ['请填写 11 位中国大陆手机号']],
      ]),
    );
    expect(errorsByColumn(good).size).toBe(0);
  });

  it('shows a valid row as understood and a bad one as written', () => {
    expect(cellOf(good, '用户名')).toBe('cg-li');
    expect(cellOf(good, '街道')).toBe('赤岗街道');
    expect(cellOf(good, '网格')).toBe('赤岗社区第1网格');
    expect(cellOf(bad, '手机号')).toBe('1380000');
    expect(cellOf(bad, '街道')).toBe('');
  });

  it('leaves out optional columns no row uses', () => {
    expect(usedColumns(resultOf([good, bad], false, 1))).toEqual([
      '用户名',
      '姓名',
      '角色',
      '街道',
      '网格',
      '手机号',
    ]);
    expect(usedColumns(resultOf([bad], false, 0))).toEqual(['用户名', '姓名', '角色', '手机号']);
  });

  it('offers 确认导入 only for a preview with rows to create', () => {
    expect(canCommit(null)).toBe(false);
    expect(canCommit(resultOf([good], false, 1))).toBe(true);
    expect(canCommit(resultOf([bad], false, 0))).toBe(false);
    expect(canCommit(resultOf([good], true, 0))).toBe(false);
  });

  it('lists the created rows with their passwords and names the passwords file in Beijing time', () => {
    const created = { ...good, status: 'created' as const, oneTimePassword: 'Abcdefgh2345' };
    expect(createdRows(resultOf([created, bad], true, 0))).toEqual([created]);
    expect(passwordsFilename(Date.UTC(2026, 11, 2, 18, 5))).toBe('一次性密码_2026-12-03_0205.xlsx');
  });

  it('turns the BFF’s base64 workbook back into its bytes', async () => {
    const blob = workbookBlob(btoa('PK\u0003\u0004'));
    expect(blob.type).toMatch(/spreadsheetml/);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x50, 0x4b, 3, 4]);
  });
});
