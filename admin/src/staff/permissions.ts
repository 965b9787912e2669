import { type Role } from '@jiefang/contracts';

/** 人员管理 is for administrators (a street's manage their street; the BFF enforces the same). */
export const staffAdminRoles: readonly Role[] = ['admin'];
