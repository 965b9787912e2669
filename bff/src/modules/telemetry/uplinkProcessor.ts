import type { Redis } from 'ioredis';
import type { Model } from 'mongoose';
import type { AlarmType, NoiseZoneClass } from '@jiefang/contracts';
import { alarmForDetectorEvent, silentDevices } from '../../domain/deviceAlarmRules';
import { addToMinute, type MinuteAccumulator, type MinuteLevel } from '../../domain/minuteLevels';
import { noiseLimitFor } from '../../domain/noiseLimits';
import { emptyNoiseWatch, observeNoise, type NoiseWatchState } from '../../domain/noiseWatch';
import { insertOutcomesAfter } from '../../infra/batchedInserts';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { AlarmBook, AlarmedDevice, Detection } from '../alarms/alarmBook';
import type { NoiseEvidence } from '../alarms/alarmModel';
import type { AlarmReactions } from '../alarms/alarmReactions';
import type { DeviceDocument } from '../devices/deviceModel';
import type { HouseholdDocument } from '../households/householdModel';
import type { DeviceReadingDocument } from './deviceReadingModel';
import { partitionLeases } from './partitionLeases';
import { partitionOf, uplinkLanes, type UplinkEntry, type UplinkLane, type UplinkLog } from './uplinkLog';
import type { Uplink } from './uplinkParser';

/** Per device, kept in Redis between batches (and in memory while this instance owns the partition). */
interface DeviceState {
  noise: NoiseWatchState;
  minute: MinuteAccumulator | null;
  noiseAlarmId: string | null;
  /** The episode's evidence while a noise alarm is open. */
  evidence: NoiseEvidence | null;
  /** An offline alarm from the device's Last Will is open: the next message from it clears it. */
  offlineAlarmId?: string | null;
  /** MongoDB already says this device is online. */
  online?: boolean;
}

const emptyState = (): DeviceState => ({
  noise: emptyNoiseWatch,
  minute: null,
  noiseAlarmId: null,
  evidence: null,
});
const batchSize: Record<UplinkLane, number> = { signals: 200, telemetry: 500 };
const checkpointMs = 1_000;
const idlePauseMs = 25;
const leaseTtlMs = 15_000;
const leaseRefreshMs = 3_000;
const deviceCacheMs = 30_000;
const silenceSweepMs = 30_000;
const maxTrace = 120;

export interface ProcessorCounters {
  processed: number;
  unknownDevices: number;
  belowThreshold: number;
  errors: number;
}

/**
 * Applies the device rules to the uplink log: each partition in order, in batches, with the noise
 * watch's state, the cursor and the latest readings written together after each batch. After a crash
 * the batch is applied again; alarms and their reactions are idempotent, so nothing happens twice.
 */
export function uplinkProcessor(deps: {
  redis: Redis;
  log: UplinkLog;
  devices: Model<DeviceDocument>;
  households: Model<HouseholdDocument>;
  readings: Model<DeviceReadingDocument>;
  book: AlarmBook;
  reactions: AlarmReactions;
  clock: Clock;
  logger: Logger;
  instanceId: string;
  chargingThreshold: number;
}) {
  const { redis, book, reactions } = deps;
  const counters: ProcessorCounters = { processed: 0, unknownDevices: 0, belowThreshold: 0, errors: 0 };
  const leases = partitionLeases(redis, {
    partitions: deps.log.partitions,
    owner: deps.instanceId,
    ttlMs: leaseTtlMs,
  });
  const cursors = new Map<string, string>();
  const cursorKey = (partition: number, lane: UplinkLane) => `${lane}:${partition}`;
  const states = new Map<string, DeviceState>();
  const deviceCache = new Map<string, { device: DeviceDocument | null; at: number }>();
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let lastLeaseRefresh = 0;
  let lastSweep = 0;
  let signalsWaiting = false;
  interface Unsaved {
    touched: Set<string>;
    latest: Map<string, Record<string, string | number>>;
    heard: Map<string, number>;
    gone: Set<string>;
    cursors: Partial<Record<UplinkLane, string>>;
  }
  const unsaved = new Map<number, Unsaved>();
  const lastCheckpoint = new Map<number, number>();

  const deviceOf = async (deviceId: string): Promise<DeviceDocument | null> => {
    const cached = deviceCache.get(deviceId);
    if (cached && Date.now() - cached.at < deviceCacheMs) return cached.device;
    const device = await deps.devices
      .findById(deviceId, { secretHash: 0, secretSalt: 0 })
      .lean<DeviceDocument>();
    // A household's detector is known to people by the flat's address: alarms carry it as their site.
    if (device && !device.site && device.householdId) {
      const household = await deps.households.findById(device.householdId, { address: 1 }).lean();
      device.site = household?.address ?? null;
    }
    deviceCache.set(deviceId, { device, at: Date.now() });
    return device;
  };

  const alarmed = (device: DeviceDocument): AlarmedDevice => ({
    id: device._id,
    type: device.type,
    streetId: device.streetId,
    site: device.site,
    householdId: device.householdId,
    location: device.location,
  });

  const loadStates = async (deviceIds: string[]) => {
    const missing = deviceIds.filter((id) => !states.has(id));
    if (!missing.length) return;
    const stored = await redis.mget(...missing.map((id) => `devices:state:${id}`));
    missing.forEach((id, index) => {
      const text = stored[index];
      states.set(id, text ? (JSON.parse(text) as DeviceState) : emptyState());
    });
  };

  /** Per batch: what to write once the batch is through. */
  interface BatchWrites {
    touched: Set<string>;
    latest: Map<string, Record<string, string | number>>;
    heard: Map<string, number>;
    cameOnline: Set<string>;
    wentOffline: Set<string>;
    minutes: Array<{ deviceId: string; level: MinuteLevel }>;
    /** Repeated detections of an alarm opened or repeated earlier in the batch, written once at its end. */
    folds: Map<string, AlarmFold>;
  }
  interface AlarmFold {
    alarmId: string;
    device: DeviceDocument;
    type: AlarmType;
    detections: Detection[];
  }

  const handleTelemetry = async (
    device: DeviceDocument,
    uplink: Extract<Uplink, { channel: 'telemetry' }>,
    writes: BatchWrites,
  ) => {
    const state = states.get(device._id) ?? emptyState();
    const { ts, leq, intervalMs, seq } = uplink.body;
    const zoneClass: NoiseZoneClass = device.zoneClass ?? '2';
    const limit = noiseLimitFor(zoneClass, new Date(ts));
    const observed = observeNoise(
      state.noise,
      { ts, leq, intervalMs },
      (at) => noiseLimitFor(zoneClass, new Date(at)).limitDb,
    );
    state.noise = observed.state;
    const levelDb = observed.levelDb;

    const minute = addToMinute(state.minute, { ts, leq, intervalMs });
    state.minute = minute.current;
    if (minute.finished) {
      writes.minutes.push({ deviceId: device._id, level: minute.finished });
      if (state.noiseAlarmId && state.evidence && levelDb !== null) {
        state.evidence = {
          ...state.evidence,
          levelDb,
          peakDb: Math.max(state.evidence.peakDb, levelDb),
          limitDb: limit.limitDb,
          period: limit.period,
          trace: [...state.evidence.trace, { at: new Date(ts), levelDb }].slice(-maxTrace),
        };
        await book.recordNoise(state.noiseAlarmId, state.evidence).catch(() => null);
      }
    }
    writes.latest.set(device._id, {
      at: ts,
      leq,
      levelDb: levelDb ?? '',
      limitDb: limit.limitDb,
      period: limit.period,
    });

    for (const event of observed.events) {
      if (event.type === 'alarm_opened') {
        const evidence: NoiseEvidence = {
          limitDb: event.limitDb,
          period: limit.period,
          levelDb: event.levelDb,
          peakDb: event.levelDb,
          trace: [{ at: new Date(event.at), levelDb: event.levelDb }],
        };
        const { alarm, fresh } = await book.openOrRepeat(alarmed(device), 'noise_exceeded', {
          seq,
          at: new Date(event.at),
          noise: evidence,
        });
        state.noiseAlarmId = alarm._id;
        state.evidence = alarm.noise ?? evidence;
        if (fresh) await reactions.opened(alarm);
      } else if (event.type === 'escalate' && state.noiseAlarmId) {
        const alarm = await book.get(state.noiseAlarmId).catch(() => null);
        if (alarm && alarm.status !== 'cleared') await reactions.noiseStillExceeded(alarm);
      } else if (event.type === 'alarm_cleared' && state.noiseAlarmId) {
        await book.clear(state.noiseAlarmId, null, `声级回落到 ${event.levelDb} dB(A)`).catch(() => null);
        state.noiseAlarmId = null;
        state.evidence = null;
      }
    }
    states.set(device._id, state);
  };

  const handle = async (entry: UplinkEntry, writes: BatchWrites) => {
    const { uplink } = entry;
    const device = await deviceOf(uplink.deviceId);
    if (!device || device.disabled) {
      counters.unknownDevices += 1;
      return;
    }
    writes.touched.add(device._id);
    const offline = uplink.channel === 'status' && uplink.body.status === 'offline';
    if (offline) {
      writes.wentOffline.add(device._id);
      writes.cameOnline.delete(device._id);
      const { alarm, fresh } = await book.openOrRepeat(alarmed(device), 'offline', {
        seq: uplink.body.seq,
        // The will's own stamp is from when its connection opened; its arrival is when the device went.
        at: new Date(uplink.receivedAt ?? uplink.body.ts),
      });
      if (fresh) await reactions.opened(alarm);
      states.set(device._id, { ...(states.get(device._id) ?? emptyState()), offlineAlarmId: alarm._id });
      return;
    }
    const state = states.get(device._id);
    if (state?.offlineAlarmId) {
      await book.clear(state.offlineAlarmId, null, '设备恢复在线').catch(() => null);
      state.offlineAlarmId = null;
    }
    writes.heard.set(device._id, deps.clock.now().getTime());
    writes.cameOnline.add(device._id);
    writes.wentOffline.delete(device._id);

    switch (uplink.channel) {
      case 'telemetry':
        if (device.type === 'noise_meter') await handleTelemetry(device, uplink, writes);
        return;
      case 'event': {
        const type = alarmForDetectorEvent(uplink.body, deps.chargingThreshold);
        if (!type) {
          counters.belowThreshold += 1;
          return;
        }
        const detection = {
          seq: uplink.body.seq,
          at: new Date(uplink.body.ts),
          confidence: uplink.body.confidence,
        };
        const foldKey = `${device._id}:${type}`;
        const fold = writes.folds.get(foldKey);
        if (fold) fold.detections.push(detection);
        else {
          const { alarm, fresh } = await book.openOrRepeat(alarmed(device), type, detection);
          if (fresh) await reactions.opened(alarm);
          if (alarm.status !== 'cleared')
            writes.folds.set(foldKey, { alarmId: alarm._id, device, type, detections: [] });
        }
        writes.latest.set(device._id, {
          at: uplink.body.ts,
          event: uplink.body.type,
          confidence: uplink.body.confidence,
        });
        return;
      }
      case 'cmd/ack':
        await book.recordAck(device._id, uplink.body.messageId, uplink.body.ok, new Date(uplink.body.ts));
        return;
      case 'status':
        return;
    }
  };

  /** Writes each batch's folded repeats; detections that came after a clearing open a new alarm. */
  const writeFolds = async (writes: BatchWrites) => {
    for (const fold of writes.folds.values()) {
      if (!fold.detections.length) continue;
      const { unfolded } = await book.repeatMany(fold.alarmId, fold.detections);
      for (const detection of unfolded) {
        const { alarm, fresh } = await book.openOrRepeat(alarmed(fold.device), fold.type, detection);
        if (fresh) await reactions.opened(alarm);
      }
    }
  };

  /**
   * Online/offline in MongoDB, touched only on a change: the state remembers that a device is known
   * online, and the silence sweep marks the ones it takes offline in `devices:offline`.
   */
  const applyPresence = async (writes: BatchWrites, partition: number) => {
    const heard = [...writes.cameOnline];
    if (heard.length) {
      const swept = await redis.smismember('devices:offline', ...heard);
      const back = heard.filter(
        (deviceId, index) => swept[index] === 1 || states.get(deviceId)?.online !== true,
      );
      if (back.length) {
        await deps.devices.updateMany(
          { _id: { $in: back } },
          { $set: { online: true, lastSeenAt: deps.clock.now() } },
        );
        await redis.srem('devices:offline', ...back);
        for (const deviceId of back) {
          const state = states.get(deviceId) ?? emptyState();
          states.set(deviceId, { ...state, online: true });
          writes.touched.add(deviceId);
        }
        // Offline alarms of the devices back, looked up together rather than one round trip each:
        // a partition's first batch brings every one of its devices online at once.
        await Promise.all(
          back.map(async (deviceId) => {
            const open = await book.findOpen(deviceId, 'offline');
            if (open) await book.clear(open._id, null, '设备恢复在线').catch(() => null);
          }),
        );
      }
    }
    if (writes.wentOffline.size) {
      const gone = [...writes.wentOffline];
      // The stored lastSeenAt moves only on presence changes, and the Redis record of when each device
      // was heard goes with it offline: keep the time of its last message on the device.
      const stored = await redis.zmscore('devices:heard', ...gone);
      const pending = unsaved.get(partition);
      await Promise.all(
        gone.map((deviceId, index) => {
          const heardAt = Math.max(
            Number(stored[index] ?? -Infinity),
            pending?.heard.get(deviceId) ?? -Infinity,
            writes.heard.get(deviceId) ?? -Infinity,
          );
          return deps.devices.updateOne(
            { _id: deviceId },
            {
              $set: { online: false, ...(Number.isFinite(heardAt) ? { lastSeenAt: new Date(heardAt) } : {}) },
            },
          );
        }),
      );
      for (const deviceId of gone) {
        const state = states.get(deviceId);
        if (state) state.online = false;
      }
    }
  };

  const processBatch = async (partition: number, lane: UplinkLane, entries: UplinkEntry[]) => {
    const writes: BatchWrites = {
      touched: new Set(),
      latest: new Map(),
      heard: new Map(),
      cameOnline: new Set(),
      wentOffline: new Set(),
      minutes: [],
      folds: new Map(),
    };
    await loadStates([...new Set(entries.map((entry) => entry.uplink.deviceId))]);
    for (const entry of entries) {
      // A detection stored meanwhile is handled now, not after the rest of this batch of readings.
      if (lane === 'telemetry') await yieldToSignals();
      try {
        await handle(entry, writes);
      } catch (error) {
        counters.errors += 1;
        deps.logger.error(
          { err: error, deviceId: entry.uplink.deviceId, entry: entry.id },
          'device message failed',
        );
        throw error;
      }
      counters.processed += 1;
    }
    await writeFolds(writes);
    if (lane === 'telemetry') await yieldToSignals();
    await applyPresence(writes, partition);
    if (lane === 'telemetry') await yieldToSignals();
    if (writes.minutes.length) {
      await deps.readings
        .insertMany(
          writes.minutes.map(({ deviceId, level }) => ({
            _id: `${deviceId}:${level.start}`,
            deviceId,
            minute: new Date(level.start),
            levelDb: level.levelDb,
            maxDb: level.maxDb,
            coveredMs: level.coveredMs,
          })),
          { ordered: false },
        )
        .catch((error: unknown) => {
          // Minutes already written by a batch that is being replayed are fine; anything unwritten is not.
          const failed = insertOutcomesAfter(error, writes.minutes.length).find(
            (outcome) => outcome instanceof Error,
          );
          if (failed) throw failed;
        });
    }
    const last = entries[entries.length - 1] as UplinkEntry;
    const pending = (unsaved.get(partition) ??
      unsaved
        .set(partition, {
          touched: new Set(),
          latest: new Map(),
          heard: new Map(),
          gone: new Set(),
          cursors: {},
        })
        .get(partition)) as Unsaved;
    for (const deviceId of writes.touched) pending.touched.add(deviceId);
    for (const [deviceId, latest] of writes.latest) pending.latest.set(deviceId, latest);
    for (const [deviceId, at] of writes.heard) {
      pending.heard.set(deviceId, at);
      pending.gone.delete(deviceId);
    }
    for (const deviceId of writes.wentOffline) {
      pending.gone.add(deviceId);
      pending.heard.delete(deviceId);
    }
    pending.cursors[lane] = last.id;
    cursors.set(cursorKey(partition, lane), last.id);
  };

  /**
   * Saves a partition's progress: the states of the devices it moved, their latest readings and the
   * cursor, in one transaction, so a restart resumes from a consistent point (and replays the rest).
   */
  const restoreCursors = async (partition: number) => {
    for (const lane of uplinkLanes) {
      const key = cursorKey(partition, lane);
      cursors.set(key, (await redis.get(`devices:cursor:${key}`)) ?? '0-0');
    }
  };

  const checkpoint = async (partition: number) => {
    const pending = unsaved.get(partition);
    if (!pending) return;
    unsaved.delete(partition);
    const transaction = redis.multi();
    for (const deviceId of pending.touched) {
      const state = states.get(deviceId);
      if (state) transaction.set(`devices:state:${deviceId}`, JSON.stringify(state), 'EX', 7 * 24 * 3600);
    }
    for (const [deviceId, latest] of pending.latest) transaction.hset(`devices:latest:${deviceId}`, latest);
    for (const [deviceId, at] of pending.heard) transaction.zadd('devices:heard', at, deviceId);
    for (const deviceId of pending.gone) transaction.zrem('devices:heard', deviceId);
    for (const [lane, cursor] of Object.entries(pending.cursors) as Array<[UplinkLane, string]>) {
      transaction.set(`devices:cursor:${cursorKey(partition, lane)}`, cursor);
      transaction.xtrim(deps.log.streamKey(partition, lane), 'MINID', '~', cursor);
    }
    await transaction.exec();
    lastCheckpoint.set(partition, Date.now());
  };

  /** Devices silent past their type's limit get an offline alarm (one instance does this at a time). */
  const sweepSilence = async () => {
    if ((await redis.set('devices:sweep', deps.instanceId, 'PX', silenceSweepMs - 1000, 'NX')) !== 'OK')
      return;
    const now = deps.clock.now().getTime();
    const heard = await redis.zrangebyscore('devices:heard', '-inf', now - 60_000, 'WITHSCORES');
    const candidates: Array<{ deviceId: string; at: number }> = [];
    for (let index = 0; index < heard.length; index += 2) {
      candidates.push({ deviceId: heard[index] as string, at: Number(heard[index + 1]) });
    }
    if (!candidates.length) return;
    const devices = await deps.devices
      .find({ _id: { $in: candidates.map((item) => item.deviceId) } })
      .lean<DeviceDocument[]>();
    const typed = candidates.flatMap((item) => {
      const device = devices.find((candidate) => candidate._id === item.deviceId);
      return device ? [{ ...item, type: device.type }] : [];
    });
    for (const deviceId of silentDevices(typed, now)) {
      const device = devices.find((candidate) => candidate._id === deviceId) as DeviceDocument;
      const { alarm, fresh } = await book.openOrRepeat(alarmed(device), 'offline', {
        seq: now,
        at: new Date(now),
      });
      if (fresh) await reactions.opened(alarm);
      const heardAt = candidates.find((item) => item.deviceId === deviceId)?.at;
      await deps.devices.updateOne(
        { _id: deviceId },
        { $set: { online: false, ...(heardAt !== undefined ? { lastSeenAt: new Date(heardAt) } : {}) } },
      );
      await redis.zrem('devices:heard', deviceId);
      await redis.sadd('devices:offline', deviceId);
    }
  };

  const round = async (): Promise<number> => {
    if (Date.now() - lastLeaseRefresh > leaseRefreshMs) {
      lastLeaseRefresh = Date.now();
      const held = new Set(leases.owned);
      const taken = await leases.refresh();
      // Partitions taken (another instance may have moved their devices on) or lost: their devices'
      // state is read afresh from the last checkpoint by whoever holds them now.
      const changed = new Set([...taken, ...[...held].filter((partition) => !leases.owned.has(partition))]);
      for (const partition of changed) {
        unsaved.delete(partition);
        await restoreCursors(partition);
      }
      if (changed.size) {
        for (const deviceId of [...states.keys()]) {
          if (changed.has(partitionOf(deviceId, deps.log.partitions))) states.delete(deviceId);
        }
      }
    }
    if (Date.now() - lastSweep > silenceSweepMs) {
      lastSweep = Date.now();
      await sweepSilence();
    }
    handled = 0;
    // Signals first, and again between readings whenever one has arrived: a detection never waits
    // behind a backlog of readings.
    signalsWaiting = false;
    await drainLane('signals', leases.owned);
    for (const partition of [...leases.owned]) {
      await drainLane('telemetry', [partition]);
      await yieldToSignals();
    }
    // Under load, once a second; when idle, at once.
    for (const partition of unsaved.keys()) {
      if (!handled || Date.now() - (lastCheckpoint.get(partition) ?? 0) >= checkpointMs)
        await checkpoint(partition);
    }
    return handled;
  };

  /** Entries handled in the current round. */
  let handled = 0;
  let drainingSignals = false;
  /**
   * One batch per partition. Progress is saved as it goes, at most once a second per partition: a round
   * under load can take long, and a failure (MongoDB killed) must not send it back to its start each
   * time. Not in the middle of a batch of readings (`midBatch`): its devices' states are ahead of its cursor.
   */
  const drainLane = async (lane: UplinkLane, partitions: Iterable<number>, midBatch = false) => {
    for (const partition of partitions) {
      const cursor = cursors.get(cursorKey(partition, lane)) ?? '0-0';
      const entries = await deps.log.read(redis, partition, lane, cursor, batchSize[lane]);
      if (!entries.length) continue;
      await processBatch(partition, lane, entries);
      handled += entries.length;
      if (!midBatch && Date.now() - (lastCheckpoint.get(partition) ?? 0) >= checkpointMs)
        await checkpoint(partition);
    }
  };
  /**
   * Handles the signals lane if something arrived there, in between readings (also in the middle of
   * a batch of them: each reading is handled whole, and nothing is checkpointed until the batch is
   * through, so this only reorders the two lanes, as handling signals first does anyway).
   */
  async function yieldToSignals(): Promise<void> {
    if (!signalsWaiting || drainingSignals) return;
    signalsWaiting = false;
    drainingSignals = true;
    try {
      await drainLane('signals', leases.owned, true);
    } finally {
      drainingSignals = false;
    }
  }

  const run = async () => {
    while (running) {
      let handledNow = 0;
      try {
        handledNow = await round();
      } catch (error) {
        deps.logger.error({ err: error }, 'device processing round failed; retrying');
        // Resume from the last checkpoint: the saved cursor and the saved states go together.
        states.clear();
        unsaved.clear();
        for (const partition of leases.owned) await restoreCursors(partition).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      if (!handledNow && running) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, idlePauseMs);
        });
        wake = null;
      }
    }
  };

  return {
    counters,
    start(): void {
      if (running) return;
      running = true;
      loop = run();
    },
    /** A message was stored: look now instead of at the next poll. */
    nudge(lane: UplinkLane = 'telemetry'): void {
      if (lane === 'signals') signalsWaiting = true;
      wake?.();
    },
    async stop(): Promise<void> {
      running = false;
      wake?.();
      await loop;
      for (const partition of [...unsaved.keys()]) await checkpoint(partition).catch(() => undefined);
      await leases.releaseAll();
    },
  };
}

export type UplinkProcessor = ReturnType<typeof uplinkProcessor>;
