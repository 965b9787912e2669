import type { Redis } from 'ioredis';
import { redisScript } from '../../infra/redisScript';
import type { Uplink } from './uplinkParser';

/** How many recent `seq` per device are remembered to recognise a redelivered message. */
const rememberedSeqs = 2_048;
/** A safety cap per partition stream; the processor trims what it has handled long before this. */
const streamCap = 2_000_000;

/**
 * Keeps each `(deviceId, seq)` once and in order per device: a duplicate or a message older than
 * everything remembered is dropped; the rest is appended to its partition's stream. One script, so
 * the check and the append are atomic and cost one round trip.
 */
const appendScript = `
local seen, will, stream = KEYS[1], KEYS[2], KEYS[3]
local seq = tonumber(ARGV[1])
if ARGV[2] == '1' then
  if redis.call('SET', will, '1', 'NX', 'EX', 86400) == false then return 0 end
else
  if redis.call('ZSCORE', seen, ARGV[1]) then return 0 end
  if redis.call('ZCARD', seen) >= ${rememberedSeqs} then
    local lowest = redis.call('ZRANGE', seen, 0, 0, 'WITHSCORES')
    if seq < tonumber(lowest[2]) then return 0 end
    redis.call('ZREMRANGEBYRANK', seen, 0, 0)
  end
  redis.call('ZADD', seen, seq, ARGV[1])
end
redis.call('XADD', stream, 'MAXLEN', '~', ${streamCap}, '*', 'u', ARGV[3])
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
  const append = redisScript<number>(redis, 'jiefangAppendUplink', 3, appendScript);

  return {
    partitions,
    streamKey,
    /** true when stored, false when it was a duplicate. */
    async append(uplink: Uplink): Promise<boolean> {
      // Last Wills are composed at connect time, so their seq is older than later messages.
      const isWill = uplink.channel === 'status' && uplink.body.status === 'offline';
      const stored = await append(
        `devices:seen:${uplink.deviceId}`,
        `devices:will:${uplink.deviceId}:${uplink.body.seq}`,
        streamKey(partitionOf(uplink.deviceId, partitions), laneOf(uplink)),
        uplink.body.seq,
        isWill ? '1' : '0',
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
