import { z } from 'zod';
import { roleSchema } from './roles';

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(roleSchema).min(1),
  username: z.string().optional(),
  streetId: z.string().optional(),
  streetName: z.string().optional(),
  squadId: z.string().optional(),
  /** A grid worker's (网格员) grid, e.g. "chigang-g1"; grid workers are community workers with a grid. */
  gridId: z.string().optional(),
  /** Present (true) on accounts an admin has disabled. */
  disabled: z.boolean().optional(),
  /** Staff contacts for notifications (mainland mobile; 企业微信 UserID), where known. */
  phone: z.string().optional(),
  wecomUserId: z.string().optional(),
  /**
   * Present (true) while the account signs in with a one-time password (new, or reset by an admin): its
   * token may only change the password (POST /api/auth/password).
   */
  mustChangePassword: z.boolean().optional(),
});
export type User = z.infer<typeof userSchema>;

const trimmedName = z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 个字');

export const devLoginRequestSchema = z.object({
  role: roleSchema,
  name: trimmedName,
  street: z.string().trim().min(1).max(40).optional(),
});
export type DevLoginRequest = z.infer<typeof devLoginRequestSchema>;

export const wechatLoginRequestSchema = z.object({
  code: z.string().trim().min(1).max(128),
});
export type WechatLoginRequest = z.infer<typeof wechatLoginRequestSchema>;

export const passwordLoginRequestSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
});
export type PasswordLoginRequest = z.infer<typeof passwordLoginRequestSchema>;

export const authResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: userSchema,
});
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const meResponseSchema = z.object({ user: userSchema });
export type MeResponse = z.infer<typeof meResponseSchema>;
