import {
  staffImportExample,
  staffImportHeaders,
  staffRoleNames,
  type StaffImportRow,
} from '@jiefang/contracts';
import {
  addChoicesSheet,
  addEntrySheet,
  addNotesSheet,
  newWorkbook,
  onceWorkbook,
  workbookBuffer,
} from '../../http/importWorkbooks';
import type { District } from '../district/district';

const columnWidths: Record<string, number> = {
  用户名: 18,
  姓名: 12,
  角色: 20,
  街道: 14,
  网格: 20,
  手机号: 16,
  企业微信: 18,
};

/**
 * The import template: the 工作人员 sheet with the headers and one example row (refused if left in), a
 * 可选值 sheet with the roles, streets and grids a row may name, and a 说明 sheet.
 */
export async function staffImportTemplate(district: District): Promise<Buffer> {
  const workbook = newWorkbook();
  addEntrySheet(workbook, '工作人员', {
    headers: staffImportHeaders,
    widths: columnWidths,
    example: staffImportExample,
    // Phone numbers and usernames stay text: Excel would turn 13800000000 into 1.38E+10.
    textColumns: ['用户名', '手机号'],
  });
  const streets = district.features.map(({ properties }) => properties);
  const streetName = new Map(streets.map((street) => [street.id, street.name]));
  const grids = district.grids.map(({ properties }) => properties);
  addChoicesSheet(workbook, [
    {
      header: '角色',
      width: 14,
      values: ['执法队员', '中队长', '调度员', '社区工作者', '管理员'].filter(
        (name) => name in staffRoleNames,
      ),
    },
    { header: '街道', width: 14, values: streets.map((street) => street.name) },
    { header: '网格', width: 22, values: grids.map((grid) => grid.name) },
    { header: '网格所在街道', width: 14, values: grids.map((grid) => streetName.get(grid.streetId) ?? '') },
  ]);
  addNotesSheet(workbook, 90, [
    '在“工作人员”表中每行填写一人，第一行为表头，请勿修改；导入前请删除灰色的示例行。',
    '必填：用户名（3–40 位小写字母、数字、点、横线或下划线）、姓名、角色。',
    '角色：执法队员、中队长、调度员、社区工作者、管理员；一人多个角色用“、”或“,”隔开。',
    '街道：执法队员和中队长必填；网格：只给社区工作者（网格员）填写，须在所填街道内。',
    '手机号：11 位中国大陆手机号，用于必达通知；企业微信：成员 UserID。',
    '导入后每人获得一个一次性密码（只显示一次），首次登录后须修改密码。',
  ]);
  return workbookBuffer(workbook);
}

/** The created accounts' one-time passwords, for the street office to hand out (given once, kept nowhere). */
export async function oneTimePasswordsWorkbook(rows: readonly StaffImportRow[], at: Date): Promise<Buffer> {
  // The first name of each role (执法队员 rather than 队员).
  const roleName = new Map<string, string>();
  for (const [name, role] of Object.entries(staffRoleNames))
    if (!roleName.has(role)) roleName.set(role, name);
  return onceWorkbook({
    sheet: '一次性密码',
    columns: [
      { header: '行', width: 6 },
      { header: '用户名', width: 18 },
      { header: '姓名', width: 12 },
      { header: '角色', width: 20 },
      { header: '街道', width: 14 },
      { header: '一次性密码', width: 18 },
    ],
    rows: rows.map((row) => [
      row.row,
      row.account?.username ?? '',
      row.account?.name ?? '',
      (row.account?.roles ?? []).map((role) => roleName.get(role) ?? role).join('、'),
      row.account?.streetName ?? '',
      row.oneTimePassword ?? '',
    ]),
    at,
    advice: '密码只给这一次，首次登录后须修改；请妥善分发，用完删除本文件。',
  });
}
