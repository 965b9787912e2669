import { z } from 'zod';
import { roleSchema } from './roles';
import { userSchema } from './auth';

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

export const createStaffAccountRequestSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为 3–40 位小写字母、数字、点、横线或下划线'),
  password: z.string().min(10, '密码至少 10 位').max(200),
  name: z.string().trim().min(1, '请填写姓名').max(40),
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
 * An admin's change to an account: disabling it ends its sessions at once; contacts (null clears one)
 * say where staff notifications go.
 */
export const updateUserRequestSchema = z
  .object({
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
  role: roleSchema.optional(),
  street: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });
export type UserList = z.infer<typeof userListSchema>;

/** GET /api/officers: a dispatcher may narrow the directory to one squad. */
export const officerListQuerySchema = z.object({ squadId: z.string().max(60).optional() });
export type OfficerListQuery = z.infer<typeof officerListQuerySchema>;
