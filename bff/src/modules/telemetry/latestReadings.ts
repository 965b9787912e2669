import type { Redis } from 'ioredis';

export type LatestReading = Record<string, string | number>;

/** The latest reading per device, as the processor keeps it in Redis (numbers parsed back). */
export async function latestReadings(
  redis: Redis,
  deviceIds: readonly string[],
): Promise<Map<string, LatestReading>> {
  const result = new Map<string, LatestReading>();
  if (!deviceIds.length) return result;
  const pipeline = redis.pipeline();
  for (const id of deviceIds) pipeline.hgetall(`devices:latest:${id}`);
  const replies = (await pipeline.exec()) ?? [];
  deviceIds.forEach((id, index) => {
    const fields = replies[index]?.[1] as Record<string, string> | undefined;
    if (!fields || !Object.keys(fields).length) return;
    const reading: LatestReading = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value === '') continue;
      const number = Number(value);
      reading[key] = Number.isFinite(number) && key !== 'period' && key !== 'event' ? number : value;
    }
    result.set(id, reading);
  });
  return result;
}

/**
 * When each device was last heard (ms), as the processor keeps it in Redis while the device is online:
 * fresher than the device's stored lastSeenAt, which is written only when its presence changes.
 */
export async function lastHeard(redis: Redis, deviceIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (!deviceIds.length) return result;
  const scores = await redis.zmscore('devices:heard', ...deviceIds);
  deviceIds.forEach((id, index) => {
    const score = scores[index];
    if (score !== null && score !== undefined && Number.isFinite(Number(score)))
      result.set(id, Number(score));
  });
  return result;
}
