import { z } from 'zod';
import { fieldErrorSchema } from './errors';
import { roleSchema, type Role } from './roles';

/** The columns of a staff import sheet, in the template's order (the file may order them as it likes). */
export const staffImportHeaders = ['用户名', '姓名', '角色', '街道', '网格', '手机号', '企业微信'] as const;
export type StaffImportHeader = (typeof staffImportHeaders)[number];

/** Columns a file must have; the others may be left out. */
export const requiredStaffImportHeaders: readonly StaffImportHeader[] = ['用户名', '姓名', '角色'];

/**
 * The template's example row. Left in a file, it is refused with a word (not imported, not skipped
 * silently): a street office that forgot to delete it sees why.
 */
export const staffImportExample: Readonly<Record<StaffImportHeader, string>> = {
  用户名: 'zhangsan',
  姓名: '张三',
  角色: '执法队员',
  街道: '赤岗街道',
  网格: '',
  手机号: '13800000000',
  企业微信: '',
};

/** Staff roles by the names a street office writes in a sheet (网格员 is a community worker with a grid). */
export const staffRoleNames: Readonly<Record<string, Role>> = {
  执法队员: 'officer',
  队员: 'officer',
  中队长: 'squad_leader',
  调度员: 'dispatcher',
  社区工作者: 'community_worker',
  网格员: 'community_worker',
  管理员: 'admin',
};

/** Several roles in one cell are separated by 、 , ， ; ； or spaces. */
export const staffRoleSeparators = /[、,，;；\s]+/;

export const staffImportLimits = {
  /** An .xlsx of 500 rows is about 30 kB: 2 MB leaves room and keeps a zip bomb small. */
  maxBytes: 2 * 1024 * 1024,
  /** Data rows per file (a street onboards tens at once). */
  maxRows: 500,
};

/** The multipart field the file comes in. */
export const staffImportFileField = 'file';

/**
 * What happened to a row: `ready` (preview: would be created), `created`, `already_imported` (the username
 * exists with the same name, roles and street: a retry of the same file), or `invalid` (see `errors`).
 */
export const staffImportRowStatusSchema = z.enum(['ready', 'created', 'already_imported', 'invalid']);
export type StaffImportRowStatus = z.infer<typeof staffImportRowStatusSchema>;

/** The account a valid row stands for, with names resolved. */
export const staffImportAccountSchema = z.object({
  username: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  streetId: z.string().optional(),
  streetName: z.string().optional(),
  gridId: z.string().optional(),
  gridName: z.string().optional(),
  phone: z.string().optional(),
  wecomUserId: z.string().optional(),
});
export type StaffImportAccount = z.infer<typeof staffImportAccountSchema>;

export const staffImportRowSchema = z.object({
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  status: staffImportRowStatusSchema,
  /** The cells as read, by header, so a bad row can be shown as written. */
  cells: z.record(z.string(), z.string()),
  account: staffImportAccountSchema.optional(),
  /** `path` is the column's header (or "(行)" for the row as a whole). */
  errors: z.array(fieldErrorSchema),
  /** Only in the answer that created the account, and only there: it is stored nowhere in clear. */
  oneTimePassword: z.string().optional(),
});
export type StaffImportRow = z.infer<typeof staffImportRowSchema>;

export const staffImportTotalsSchema = z.object({
  rows: z.number().int(),
  ready: z.number().int(),
  created: z.number().int(),
  alreadyImported: z.number().int(),
  invalid: z.number().int(),
});
export type StaffImportTotals = z.infer<typeof staffImportTotalsSchema>;

/** POST /api/users/import/preview (nothing written) and POST /api/users/import (created). */
export const staffImportResultSchema = z.object({
  committed: z.boolean(),
  rows: z.array(staffImportRowSchema),
  totals: staffImportTotalsSchema,
  /**
   * After an import that created accounts: an .xlsx (base64) of their usernames and one-time passwords,
   * for the street office to hand out; like the passwords themselves, it is given once.
   */
  passwordsWorkbook: z.string().optional(),
});
export type StaffImportResult = z.infer<typeof staffImportResultSchema>;
