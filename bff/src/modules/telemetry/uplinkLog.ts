import type { Redis } from 'ioredis';
import { maxUplinkAgeMs, uplinkIdentity } from '../../domain/uplinkIdentity';
import { redisScript } from '../../infra/redisScript';
import type { Uplink } from './uplinkParser';

/**
 * How many recent messages per device are remembered to recognise a redelivered one. A copy comes
 * back before the messages that followed it (the broker resends what is in flight first, at most
 * 100 per connection), so a count, not a time, is what has to cover it.
 */
const rememberedMessages = 2_048;
/** Longer than the oldest device time the parser accepts: an older copy is refused there anyway. */
const rememberedMs = maxUplinkAgeMs + 24 * 3600_000;
/** A safety cap per partition stream; the processor trims what it has handled long before this. */
const streamCap = 2_000_000;

/**
 * Keeps each message once (by its identity, see uplinkIdentity): a copy is dropped, anything else
 * is appended to its partition's stream, whatever its seq. The remembered identities are scored in
 * order of arrival, so the oldest arrivals are forgotten first. One script, so the check and the append
 * are atomic and cost one round trip.
 */
const appendScript = `
local recent, stream = KEYS[1], KEYS[2]
if redis.call('ZSCORE', recent, ARGV[1]) then return 0 end
local newest = redis.call('ZRANGE', recent, -1, -1, 'WITHSCORES')
redis.call('ZADD', recent, (tonumber(newest[2]) or 0) + 1, ARGV[1])
local excess = redis.call('ZCARD', recent) - ${rememberedMessages}
if excess > 0 then redis.call('ZREMRANGEBYRANK', recent, 0, excess - 1) end
redis.call('PEXPIRE', recent, ${rememberedMs})
redis.call('XADD', stream, 'MAXLEN', '~', ${streamCap}, '*', 'u', ARGV[2])
return 1
`;

export interface UplinkEntry {
  id: string;
  uplink: Uplink;
}

/** FNV-1a over the id: stable across processes and releases, and cheap enough for every message. */
export function partitionOf(deviceId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < deviceId.length; index += 1) {
    hash ^= deviceId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

/**
 * The durable hand-over between the MQTT bridge and the processor: the bridge acknowledges a QoS 1
 * message to the broker only once it is here.
 */
/**
 * Two lanes per partition: detections, status and acks (few, urgent) apart from telemetry (many), so
 * an alarm never waits behind a backlog of readings.
 */
export type UplinkLane = 'signals' | 'telemetry';
export const uplinkLanes: readonly UplinkLane[] = ['signals', 'telemetry'];
export const laneOf = (uplink: Pick<Uplink, 'channel'>): UplinkLane =>
  uplink.channel === 'telemetry' ? 'telemetry' : 'signals';

export function uplinkLog(redis: Redis, partitions: number) {
  const streamKey = (partition: number, lane: UplinkLane) => `devices:${lane}:${partition}`;
  const append = redisScript<number>(redis, 'jiefangAppendUplink', 2, appendScript);

  return {
    partitions,
    streamKey,
    /** true when stored, false when it was a duplicate. */
    async append(uplink: Uplink): Promise<boolean> {
      const stored = await append(
        `devices:recent:${uplink.deviceId}`,
        streamKey(partitionOf(uplink.deviceId, partitions), laneOf(uplink)),
        uplinkIdentity(uplink.body),
        JSON.stringify(uplink),
      );
      return stored === 1;
    },
    /** Entries after `cursor` in one lane of a partition, oldest first. */
    async read(
      reader: Redis,
      partition: number,
      lane: UplinkLane,
      cursor: string,
      count: number,
    ): Promise<UplinkEntry[]> {
      const result = (await reader.xrange(
        streamKey(partition, lane),
        `(${cursor}`,
        '+',
        'COUNT',
        count,
      )) as Array<[string, string[]]>;
      return result.map(([id, fields]) => ({ id, uplink: JSON.parse(fields[1] as string) as Uplink }));
    },
  };
}

export type UplinkLog = ReturnType<typeof uplinkLog>;
