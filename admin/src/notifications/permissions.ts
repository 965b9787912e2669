import { type Role } from '@jiefang/contracts';

/** Who sees 通知记录: the BFF serves the records to admins and dispatchers. */
export const notificationRecordRoles: readonly Role[] = ['admin', 'dispatcher'];
