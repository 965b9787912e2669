import { z } from 'zod';
import { roleSchema } from './roles';
import { userSchema } from './auth';

const staffNameSchema = z.string().trim().min(1, '请填写姓名').max(40);

/** A mainland China mobile number, 11 digits from 1[3-9]; "+86" or "86" in front is dropped. */
export const mainlandMobileSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^(\+?86)/, '').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '请填写 11 位中国大陆手机号'));

/** A 企业微信 member's UserID: 1–64 letters, digits, "_", "-", "." or "@". */
export const wecomUserIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{1,64}$/, '企业微信账号为 1–64 位字母、数字或 _ - . @');

/** Staff passwords: the rules the BFF and the panel's forms both check. */
export const passwordRules = { minLength: 10, maxLength: 200, minKinds: 2 } as const;

/** How many of letters, digits and other characters a password mixes. */
export const passwordKinds = (password: string): number =>
  [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((kind) => kind.test(password)).length;

export const staffPasswordSchema = z
  .string()
  .min(passwordRules.minLength, `密码至少 ${passwordRules.minLength} 位`)
  .max(passwordRules.maxLength, `密码不超过 ${passwordRules.maxLength} 位`)
  .refine((password) => passwordKinds(password) >= passwordRules.minKinds, {
    message: '密码需包含字母、数字、符号中的至少两类',
  });

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为 3–40 位小写字母、数字、点、横线或下划线');

export const createStaffAccountRequestSchema = z.object({
  username: usernameSchema,
  /** The first password, given to the person: they must change it when they first sign in. */
  password: staffPasswordSchema,
  name: staffNameSchema,
  roles: z.array(roleSchema).min(1, '至少选择一个角色'),
  street: z.string().trim().min(1).max(40).optional(),
  /** Makes a community worker the grid worker (网格员) of this grid (id or name); implies its street. */
  grid: z.string().trim().min(1).max(60).optional(),
  /** Mainland mobile for must-not-miss notifications (SMS). */
  phone: mainlandMobileSchema.optional(),
  /** 企业微信 member id (成员 UserID) for WeCom application messages. */
  wecomUserId: wecomUserIdSchema.optional(),
});
export type CreateStaffAccountRequest = z.infer<typeof createStaffAccountRequestSchema>;

/**
 * An admin's change to an account: disabling it ends its sessions at once, and so does a change of roles
 * or squad (a street moves an officer to that street's squad); contacts (null clears one) say where staff
 * notifications go. A street or grid of null takes the account off it.
 */
export const updateUserRequestSchema = z
  .object({
    name: staffNameSchema.optional(),
    roles: z.array(roleSchema).min(1, '至少选择一个角色').max(8).optional(),
    street: z.string().trim().min(1).max(40).nullable().optional(),
    grid: z.string().trim().min(1).max(60).nullable().optional(),
    disabled: z.boolean().optional(),
    phone: mainlandMobileSchema.nullable().optional(),
    wecomUserId: wecomUserIdSchema.nullable().optional(),
  })
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: '没有要修改的内容',
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userListQuerySchema = z.object({
  /** Searches names, usernames and phone numbers (a part of any); control characters are no one's. */
  q: z
    .string()
    .trim()
    .max(40)
    .regex(/^[^\p{Cc}]*$/u, '搜索内容含有无效字符')
    .optional(),
  role: roleSchema.optional(),
  street: z.string().max(40).optional(),
  squad: z.string().max(60).optional(),
  disabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });
export type UserList = z.infer<typeof userListSchema>;

/** GET /api/officers: a dispatcher may narrow the directory to one squad. */
export const officerListQuerySchema = z.object({ squadId: z.string().max(60).optional() });
export type OfficerListQuery = z.infer<typeof officerListQuerySchema>;

/** POST /api/users/:id/password-reset: the one-time password, shown once to the admin and never stored. */
export const passwordResetResponseSchema = z.object({ user: userSchema, temporaryPassword: z.string() });
export type PasswordResetResponse = z.infer<typeof passwordResetResponseSchema>;

/** POST /api/auth/password: a staff member changes their own password (required after a one-time one). */
export const changePasswordRequestSchema = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(passwordRules.maxLength),
    newPassword: staffPasswordSchema,
  })
  .refine((change) => change.newPassword !== change.currentPassword, {
    message: '新密码不能与当前密码相同',
    path: ['newPassword'],
  });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
