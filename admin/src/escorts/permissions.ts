import { type Role } from '@jiefang/contracts';

/** 陪依(医)计划 staff pages: the community workers who book for elders, and admins. */
export const escortRoles: readonly Role[] = ['community_worker', 'admin'];
