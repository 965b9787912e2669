import { checkSheetRows, findNamedStreet, firstRowOfKey, wholeRow } from './importSheets';

describe('the shared row-check loop', () => {
  const template = { headers: ['编号', '名称'] as const, example: { 编号: 'x-1', 名称: '示例' } };
  const earlierRowOf = firstRowOfKey();
  const check = (rows: Array<{ row: number; cells: Partial<Record<'编号' | '名称', string>> }>) =>
    checkSheetRows(rows, template, ({ row, cells }, fail) => {
      const earlier = earlierRowOf(cells.编号 ?? '', row);
      if (earlier !== undefined) fail('编号', `与第 ${earlier} 行重复`);
      if (!cells.名称) fail('名称', '请填写名称');
      return cells.名称 ? { thing: { name: cells.名称 } } : undefined;
    });

  it('refuses the example row whole, keeps what a row became only when nothing failed', () => {
    expect(
      check([
        { row: 2, cells: { 编号: 'x-1', 名称: '示例' } },
        { row: 3, cells: { 编号: 'a', 名称: '甲' } },
        { row: 4, cells: { 编号: 'a', 名称: '乙' } },
        { row: 5, cells: { 编号: 'b' } },
      ]),
    ).toEqual([
      {
        row: 2,
        cells: { 编号: 'x-1', 名称: '示例' },
        errors: [{ path: wholeRow, message: expect.stringContaining('示例行') }],
      },
      { row: 3, cells: { 编号: 'a', 名称: '甲' }, thing: { name: '甲' }, errors: [] },
      { row: 4, cells: { 编号: 'a', 名称: '乙' }, errors: [{ path: '编号', message: '与第 3 行重复' }] },
      { row: 5, cells: { 编号: 'b' }, errors: [{ path: '名称', message: '请填写名称' }] },
    ]);
  });

  it('finds a street by id, by name, or by name without 街道', () => {
    const streets = [{ id: 'chigang', name: '赤岗街道' }];
    expect(findNamedStreet(streets, 'chigang')).toBe(streets[0]);
    expect(findNamedStreet(streets, '赤岗街道')).toBe(streets[0]);
    expect(findNamedStreet(streets, '赤岗')).toBe(streets[0]);
    expect(findNamedStreet(streets, '华洲')).toBeUndefined();
  });
});
