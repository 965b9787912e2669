import { staffImportExample, staffImportHeaders, staffImportLimits } from '@jiefang/contracts';
import { csvRecords } from './csvRecords';
import {
  checkStaffRows,
  matchExisting,
  parseRoles,
  readStaffSheet,
  type ImportPlaces,
  type SheetLine,
  type StaffSheetRow,
} from './staffImportRows';

const places: ImportPlaces = {
  streets: [
    { id: 'chigang', name: '赤岗街道' },
    { id: 'huazhou', name: '华洲街道' },
  ],
  grids: [
    { id: 'chigang-g1', name: '赤岗社区第1网格', streetId: 'chigang' },
    { id: 'huazhou-g1', name: '华洲社区第1网格', streetId: 'huazhou' },
  ],
};

const lines = (...rows: string[][]): SheetLine[] => rows.map((values, index) => ({ row: index + 1, values }));
const header = [...staffImportHeaders];

/** Rows by header, numbered from 2 as under a header. */
const rowsOf = (...cells: Array<StaffSheetRow['cells']>): StaffSheetRow[] =>
  cells.map((row, index) => ({ row: index + 2, cells: row }));

const officer = { 用户名: 'cg-li', 姓名: '李四', 角色: '执法队员', 街道: '赤岗街道', 手机号: '13800001111' };

describe('reading a staff sheet', () => {
  it('reads rows by header, in any column order, skipping empty rows and unknown columns', () => {
    const sheet = readStaffSheet(
      lines(
        ['海珠区工作人员名单'],
        ['备注', '角色', '*姓名', '用户名（必填）'],
        ['新来的', '中队长', '王五', ' WangWu '],
        ['', '', '', ''],
        ['', '执法队员', '赵六', 'zhaoliu'],
      ),
    );
    expect(sheet).toEqual({
      ok: true,
      rows: [
        { row: 3, cells: { 角色: '中队长', 姓名: '王五', 用户名: 'WangWu' } },
        { row: 5, cells: { 角色: '执法队员', 姓名: '赵六', 用户名: 'zhaoliu' } },
      ],
    });
  });

  it('refuses a file without the header, without a required column, empty, or too long', () => {
    expect(readStaffSheet(lines(['张三', 'zhangsan']))).toMatchObject({ ok: false });
    const noRoles = readStaffSheet(lines(['用户名', '姓名'], ['a1b', '甲']));
    expect(noRoles).toEqual({ ok: false, errors: [{ path: '角色', message: '缺少“角色”列' }] });
    expect(readStaffSheet(lines(header))).toMatchObject({ ok: false, errors: [{ message: /空的/ }] });
    const many = Array.from({ length: staffImportLimits.maxRows + 1 }, (_, index) => [
      `u${index}00`,
      '某',
      '调度员',
    ]);
    expect(readStaffSheet(lines(['用户名', '姓名', '角色'], ...many))).toMatchObject({
      ok: false,
      errors: [{ message: /最多导入 500 人/ }],
    });
  });

  it('reads a CSV with a BOM, quotes, commas and CRLF line ends', () => {
    const text = '\uFEFF用户名,姓名,角色\r\ncg-a,"张, 三","执法队员,中队长"\r\ncg-b,"说""好""",调度员\n';
    expect(csvRecords(text)).toEqual([
      ['用户名', '姓名', '角色'],
      ['cg-a', '张, 三', '执法队员,中队长'],
      ['cg-b', '说"好"', '调度员'],
    ]);
    expect(csvRecords('a,b\n"多\n行",c')).toEqual([
      ['a', 'b'],
      ['多\n行', 'c'],
    ]);
  });
});

describe('checking staff rows', () => {
  it('turns a good row into the account, with names resolved', () => {
    const [row] = checkStaffRows(
      rowsOf({ ...officer, 用户名: 'CG-Li', 角色: '执法队员、中队长', 手机号: '+86 138-0000-1111' }),
      places,
      {},
    );
    expect(row).toMatchObject({
      row: 2,
      errors: [],
      account: {
        username: 'cg-li',
        name: '李四',
        roles: ['officer', 'squad_leader'],
        streetId: 'chigang',
        streetName: '赤岗街道',
        phone: '13800001111',
      },
    });
  });

  it('parses several roles with any separator, and tells the unknown ones', () => {
    expect(parseRoles('执法队员,中队长，调度员;管理员 网格员')).toEqual({
      roles: ['community_worker', 'officer', 'squad_leader', 'dispatcher', 'admin'],
      unknown: [],
    });
    expect(parseRoles('officer、保安')).toEqual({ roles: ['officer'], unknown: ['保安'] });
  });

  it('gives each bad row its errors by column', () => {
    const checked = checkStaffRows(
      rowsOf(
        { ...officer, 手机号: '1380000' },
        { ...officer, 用户名: 'cg-wang', 街道: '天河街道' },
        { ...officer, 用户名: 'cg-zhao', 街道: undefined },
        { 用户名: 'x', 姓名: '', 角色: '保安' },
        { ...officer, 用户名: 'cg-res', 角色: 'resident' },
        { ...officer, 用户名: 'cg-grid', 网格: '华洲社区第1网格' },
        { ...officer, 用户名: 'cg-wecom', 企业微信: '不能有中文' },
      ),
      places,
      {},
    );
    const errorsOf = (index: number) =>
      checked[index]!.errors.map(({ path, message }) => `${path}: ${message}`);
    expect(errorsOf(0)).toEqual(['手机号: 请填写 11 位中国大陆手机号：1380000']);
    expect(errorsOf(1)).toEqual(['街道: 没有这个街道：天河街道']);
    expect(errorsOf(2)).toEqual(['街道: 执法队员和中队长需要填写所属街道']);
    expect(errorsOf(3)).toEqual([
      expect.stringMatching(/^用户名: 用户名为 3–40 位/),
      '姓名: 请填写姓名',
      expect.stringMatching(/^角色: 不认识的角色：保安/),
    ]);
    expect(errorsOf(4)).toEqual(['角色: 账号密码登录仅用于工作人员，请至少包含一个工作人员角色']);
    expect(errorsOf(5)).toEqual([
      '网格: 网格只能分配给社区工作者（网格员）',
      '网格: 华洲社区第1网格不在赤岗街道',
    ]);
    expect(errorsOf(6)).toEqual([expect.stringMatching(/^企业微信: /)]);
    expect(checked.every((row) => row.account === undefined)).toBe(true);
  });

  it('flags a username used twice in the file (in any case) on the later row', () => {
    const checked = checkStaffRows(
      rowsOf(officer, { ...officer, 用户名: 'CG-LI', 姓名: '另一个李四' }),
      places,
      {},
    );
    expect(checked[0]!.errors).toEqual([]);
    expect(checked[1]!.errors).toEqual([{ path: '用户名', message: '与第 2 行的用户名重复' }]);
  });

  it('takes the street from a grid worker grid', () => {
    const [row] = checkStaffRows(
      rowsOf({ 用户名: 'hz-grid1', 姓名: '网格员甲', 角色: '网格员', 网格: 'huazhou-g1' }),
      places,
      {},
    );
    expect(row!.account).toMatchObject({
      roles: ['community_worker'],
      streetId: 'huazhou',
      gridId: 'huazhou-g1',
      gridName: '华洲社区第1网格',
    });
  });

  it('keeps a street administrator to their street, filling it in where the row has none', () => {
    const checked = checkStaffRows(
      rowsOf(
        officer,
        { ...officer, 用户名: 'hz-li', 街道: '华洲' },
        { ...officer, 用户名: 'cg-no-street', 街道: undefined },
        { 用户名: 'hz-grid2', 姓名: '网格员乙', 角色: '社区工作者', 网格: '华洲社区第1网格' },
      ),
      places,
      { streetId: 'chigang' },
    );
    expect(checked[0]!.errors).toEqual([]);
    expect(checked[1]!.errors).toEqual([{ path: '街道', message: '只能导入本街道（赤岗街道）的工作人员' }]);
    expect(checked[2]!.account).toMatchObject({ streetId: 'chigang' });
    expect(checked[3]!.errors).toEqual([{ path: '网格', message: '只能导入本街道（赤岗街道）的工作人员' }]);
  });

  it('refuses the template example row left in the file', () => {
    const example = Object.fromEntries(
      Object.entries(staffImportExample).filter(([, value]) => value !== ''),
    ) as StaffSheetRow['cells'];
    const [row] = checkStaffRows(rowsOf(example), places, {});
    expect(row!.errors).toEqual([{ path: '(行)', message: '这是模板里的示例行，请删除后再导入' }]);
  });
});

describe('matching an existing account', () => {
  const account = { username: 'cg-li', name: '李四', roles: ['officer' as const], streetId: 'chigang' };

  it('is new, the same import again, or a username taken by someone else', () => {
    expect(matchExisting(account, undefined)).toBe('new');
    expect(matchExisting(account, { name: '李四', roles: ['officer'], streetId: 'chigang' })).toBe(
      'already_imported',
    );
    expect(matchExisting(account, { name: '李四', roles: ['officer'], streetId: 'huazhou' })).toBe('taken');
    expect(matchExisting(account, { name: '李四', roles: ['officer', 'admin'], streetId: 'chigang' })).toBe(
      'taken',
    );
    expect(matchExisting(account, { name: '李三', roles: ['officer'], streetId: 'chigang' })).toBe('taken');
  });
});
