import type { Redis } from 'ioredis';
import type { RegisterVolunteerRequest } from '@jiefang/contracts';
import { beijingDay, escortPolicy, nextBeijingDayStart } from '../../domain/escortRules';
import { tooManyRequests } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { VolunteerDocument } from './escortModels';

/** Did the request move the volunteer's service area (street, base or radius)? */
export function movesServiceArea(
  existing: Pick<VolunteerDocument, 'serviceArea'> | null,
  request: Pick<RegisterVolunteerRequest, 'serviceArea'>,
  streetId: string | undefined,
): boolean {
  if (!existing) return false;
  const area = existing.serviceArea;
  return (
    area.streetId !== streetId ||
    area.lat !== request.serviceArea.lat ||
    area.lng !== request.serviceArea.lng ||
    area.radiusKm !== request.serviceArea.radiusKm
  );
}

/**
 * Counts service-area moves per volunteer and Beijing day in Redis (so across instances): each move
 * measures the distance to open requests from a new base, so moves are what trilateration costs.
 */
export function serviceAreaMoves(redis: Redis, clock: Clock) {
  const limit = escortPolicy.serviceAreaMovesPerDay;
  const keyOf = (volunteerId: string) => `escorts:area-moves:${volunteerId}:${beijingDay(clock.now())}`;
  return {
    /** Takes one move from today's budget, or refuses with 429 until tomorrow. */
    async take(volunteerId: string): Promise<void> {
      const key = keyOf(volunteerId);
      const replies = await redis
        .multi()
        .incr(key)
        .expire(key, 2 * 86_400)
        .exec();
      const [incrError, count] = replies?.[0] ?? [new Error('Redis transaction aborted'), 0];
      if (incrError) throw incrError;
      if (Number(count) > limit) {
        const now = clock.now();
        const retryAfter = Math.max(
          1,
          Math.ceil((nextBeijingDayStart(now).getTime() - now.getTime()) / 1000),
        );
        throw tooManyRequests(retryAfter, `服务区域每天最多修改 ${limit} 次，请明天再试`);
      }
    },
    /** Gives a move back when the change it was taken for did not happen. */
    async giveBack(volunteerId: string): Promise<void> {
      await redis.decr(keyOf(volunteerId));
    },
  };
}

export type ServiceAreaMoves = ReturnType<typeof serviceAreaMoves>;
