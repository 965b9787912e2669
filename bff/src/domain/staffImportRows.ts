import {
  createStaffAccountRequestSchema,
  mainlandMobileSchema,
  requiredStaffImportHeaders,
  roles as allRoles,
  squadRoles,
  staffImportExample,
  staffImportHeaders,
  staffImportLimits,
  staffRoleNames,
  staffRoleSeparators,
  staffRoles,
  wecomUserIdSchema,
  type FieldError,
  type Role,
  type StaffImportAccount,
  type StaffImportHeader,
} from '@jiefang/contracts';

import {
  checkSheetRows,
  findNamedStreet,
  firstRowOfKey,
  readHeaderedSheet,
  type HeaderedRow,
  type HeaderedSheet,
  type SheetLine,
} from './importSheets';

export { cleanCell, wholeRow, type SheetLine } from './importSheets';

/** A data row with its cells by header. */
export type StaffSheetRow = HeaderedRow<StaffImportHeader>;

/** The streets and grids a row may name (the district's). */
export interface ImportPlaces {
  streets: ReadonlyArray<{ id: string; name: string }>;
  grids: ReadonlyArray<{ id: string; name: string; streetId: string }>;
}

/** Who imports: a street's administrator only into their own street; a district one anywhere. */
export interface ImportScope {
  streetId?: string;
}

export interface CheckedStaffRow extends StaffSheetRow {
  account?: StaffImportAccount;
  errors: FieldError[];
}

/** What a file as a whole lacks (no header, too many rows): nothing of it can be imported. */
export type StaffSheet = HeaderedSheet<StaffImportHeader>;

/**
 * Finds the header row (the first with 用户名; a title above it is allowed) and reads the rows below it by
 * header. Empty rows are skipped; unknown columns are ignored.
 */
export function readStaffSheet(lines: readonly SheetLine[]): StaffSheet {
  return readHeaderedSheet(lines, {
    headers: staffImportHeaders,
    required: requiredStaffImportHeaders,
    anchor: '用户名',
    maxRows: staffImportLimits.maxRows,
    noun: '工作人员',
    counter: '人',
  });
}

/** Roles by their Chinese names (or the system's own codes, e.g. "officer"), in the system's order. */
export function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const found = new Set<Role>();
  const unknown: string[] = [];
  for (const part of text.split(staffRoleSeparators).filter(Boolean)) {
    const role =
      staffRoleNames[part] ?? (allRoles as readonly string[]).find((code) => code === part.toLowerCase());
    if (role) found.add(role as Role);
    else unknown.push(part);
  }
  return { roles: allRoles.filter((role) => found.has(role)), unknown };
}

const findStreet = (places: ImportPlaces, text: string) => findNamedStreet(places.streets, text);

const findGrid = (places: ImportPlaces, text: string) =>
  places.grids.find((grid) => grid.id === text || grid.name === text);

const firstIssue = (error: { issues: ReadonlyArray<{ message: string }> }) =>
  error.issues[0]?.message ?? '格式不对';

/**
 * Checks each row as creating the account one by one would (`staffAccounts.create`), and more: names
 * given in Chinese, a username used twice in the file, the importer's street. Existing accounts are
 * the caller's to look up (see `matchExisting`).
 */
export function checkStaffRows(
  rows: readonly StaffSheetRow[],
  places: ImportPlaces,
  scope: ImportScope,
): CheckedStaffRow[] {
  const earlierRowOf = firstRowOfKey();
  const scopeStreet = scope.streetId
    ? places.streets.find((street) => street.id === scope.streetId)
    : undefined;
  const template = { headers: staffImportHeaders, example: staffImportExample };

  return checkSheetRows(rows, template, ({ row, cells }, fail): { account: StaffImportAccount } => {
    const username = (cells.用户名 ?? '').toLowerCase();
    if (!username) fail('用户名', '请填写用户名');
    else {
      const parsed = createStaffAccountRequestSchema.shape.username.safeParse(username);
      if (!parsed.success) fail('用户名', firstIssue(parsed.error));
      const earlier = earlierRowOf(username, row);
      if (earlier !== undefined) fail('用户名', `与第 ${earlier} 行的用户名重复`);
    }

    const name = cells.姓名 ?? '';
    if (!name) fail('姓名', '请填写姓名');
    else if (name.length > 40) fail('姓名', '姓名最多 40 个字');

    const { roles, unknown } = parseRoles(cells.角色 ?? '');
    if (unknown.length > 0) {
      fail(
        '角色',
        `不认识的角色：${unknown.join('、')}（可选：执法队员、中队长、调度员、社区工作者、管理员）`,
      );
    } else if (roles.length === 0) fail('角色', '请填写角色');
    else if (!roles.some((role) => staffRoles.includes(role))) {
      fail('角色', '账号密码登录仅用于工作人员，请至少包含一个工作人员角色');
    }

    const namedStreet = cells.街道 ? findStreet(places, cells.街道) : undefined;
    if (cells.街道 && !namedStreet) fail('街道', `没有这个街道：${cells.街道}`);
    const grid = cells.网格 ? findGrid(places, cells.网格) : undefined;
    if (cells.网格 && !grid) fail('网格', `没有这个网格：${cells.网格}`);
    if (grid && roles.length > 0 && !roles.includes('community_worker')) {
      fail('网格', '网格只能分配给社区工作者（网格员）');
    }
    if (grid && namedStreet && grid.streetId !== namedStreet.id) {
      fail('网格', `${grid.name}不在${namedStreet.name}`);
    }
    // A grid implies its street; a street's administrator imports into their street.
    let street =
      namedStreet ?? (grid ? places.streets.find((candidate) => candidate.id === grid.streetId) : undefined);
    if (scopeStreet) {
      if (street && street.id !== scopeStreet.id) {
        fail(cells.街道 ? '街道' : '网格', `只能导入本街道（${scopeStreet.name}）的工作人员`);
      }
      street ??= scopeStreet;
    }
    if (!street && !cells.街道 && roles.some((role) => squadRoles.includes(role))) {
      fail('街道', '执法队员和中队长需要填写所属街道');
    }

    let phone: string | undefined;
    if (cells.手机号) {
      const parsed = mainlandMobileSchema.safeParse(cells.手机号);
      if (parsed.success) phone = parsed.data;
      else fail('手机号', `${firstIssue(parsed.error)}：${cells.手机号}`);
    }
    let wecomUserId: string | undefined;
    if (cells.企业微信) {
      const parsed = wecomUserIdSchema.safeParse(cells.企业微信);
      if (parsed.success) wecomUserId = parsed.data;
      else fail('企业微信', firstIssue(parsed.error));
    }

    // Kept only when no check above failed.
    const account: StaffImportAccount = {
      username,
      name,
      roles,
      ...(street ? { streetId: street.id, streetName: street.name } : {}),
      ...(grid ? { gridId: grid.id, gridName: grid.name } : {}),
      ...(phone ? { phone } : {}),
      ...(wecomUserId ? { wecomUserId } : {}),
    };
    return { account };
  });
}

/** What an existing account with the row's username says about the row. */
export type ExistingMatch = 'new' | 'already_imported' | 'taken';

/**
 * A username already in use is the same file imported again when the account has the row's name, roles
 * and street (then nothing is to be done); otherwise the row cannot be imported under that name.
 */
export function matchExisting(
  account: StaffImportAccount,
  existing: { name: string; roles: readonly Role[]; streetId?: string } | undefined,
): ExistingMatch {
  if (!existing) return 'new';
  const sameRoles =
    existing.roles.length === account.roles.length &&
    account.roles.every((role) => existing.roles.includes(role));
  return existing.name === account.name && sameRoles && (existing.streetId ?? '') === (account.streetId ?? '')
    ? 'already_imported'
    : 'taken';
}
