import { z } from 'zod';
import { roleSchema } from './roles';
import { userSchema } from './auth';

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
});
export type CreateStaffAccountRequest = z.infer<typeof createStaffAccountRequestSchema>;

/** An admin's change to an account: disabling it ends its sessions at once. */
export const updateUserRequestSchema = z.object({ disabled: z.boolean() }).strict();
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
