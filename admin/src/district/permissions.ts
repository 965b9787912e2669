import { type Role } from '@jiefang/contracts';

/** Administrators publish streets' grids: the district's any street, a street's administrator their own. */
export const districtGridRoles: readonly Role[] = ['admin'];
