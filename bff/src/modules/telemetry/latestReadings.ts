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
