import type { Redis } from 'ioredis';
import { changeCounter, type ChangeCounter } from '../../infra/changeCounter';

const staffVersionKey = 'staff:version';

/**
 * A counter in Redis bumped whenever someone gains a staff role, so every BFF instance's remembered
 * role look-ups (see staffDirectory) know at once that they are out of date.
 */
export const staffChanges = (redis: Redis): ChangeCounter => changeCounter(redis, staffVersionKey);

export type StaffChanges = ChangeCounter;
