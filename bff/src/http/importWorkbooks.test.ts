import ExcelJS from 'exceljs';
import { addChoicesSheet, addEntrySheet, newWorkbook, onceWorkbook, workbookBuffer } from './importWorkbooks';

async function reread(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's declared Buffer type predates Node's generic Buffer.
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const valuesOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('import workbooks', () => {
  it('writes the entry sheet with its example row and text columns, and pads the choices side by side', async () => {
    const workbook = newWorkbook();
    addEntrySheet(workbook, '设备', {
      headers: ['编号', '类型'] as const,
      widths: { 编号: 20 },
      example: { 编号: '00123', 类型: '烟感' },
      textColumns: ['编号'],
    });
    addChoicesSheet(workbook, [
      { header: '类型', width: 10, values: ['烟感', '噪声'] },
      { header: '街道', width: 10, values: ['赤岗街道'] },
    ]);
    const read = await reread(await workbookBuffer(workbook));
    expect(read.creator).toBe('街坊');
    const entry = read.getWorksheet('设备')!;
    expect(valuesOf(entry)).toEqual([
      ['编号', '类型'],
      ['00123', '烟感'],
    ]);
    expect(entry.getColumn(1).numFmt).toBe('@');
    expect(entry.getColumn(1).width).toBe(20);
    expect(entry.getRow(2).font?.italic).toBe(true);
    expect(valuesOf(read.getWorksheet('可选值')!)).toEqual([
      ['类型', '街道'],
      ['烟感', '赤岗街道'],
      ['噪声', ''],
    ]);
  });

  it('writes a once-given file with its rows, then when it was made in Beijing time and the advice', async () => {
    const buffer = await onceWorkbook({
      sheet: '设备密钥',
      columns: [
        { header: '行', width: 6 },
        { header: '密钥', width: 30 },
      ],
      rows: [[2, 's3cret']],
      textColumns: [2],
      at: new Date('2026-12-03T02:30:00Z'),
      advice: '请写入设备后删除本文件。',
    });
    const sheet = (await reread(buffer)).getWorksheet('设备密钥')!;
    const rows = valuesOf(sheet);
    expect(rows.slice(0, 2)).toEqual([
      ['行', '密钥'],
      [2, 's3cret'],
    ]);
    expect(rows.at(-1)).toEqual(['导入时间 2026-12-03 10:30（北京时间）。请写入设备后删除本文件。']);
    expect(sheet.getColumn(2).numFmt).toBe('@');
  });
});
