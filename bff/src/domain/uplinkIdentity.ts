/**
 * What makes one device message itself. A device's `seq` restarts when it reboots, so `seq` alone
 * cannot tell a new message from a copy; a QoS 1 redelivery carries the identical payload, so its
 * device time and `seq` together can. Two different messages share both only if a device reboots
 * and reaches the same `seq` within the same millisecond of its own clock.
 */
export function uplinkIdentity(message: { ts: number; seq: number }): string {
  return `${message.ts}:${message.seq}`;
}

/** How far a device's clock may run ahead of the server's before its messages are refused. */
export const maxUplinkLeadMs = 10 * 60_000;
/**
 * The oldest device time accepted: as long as the broker keeps a stopped bridge's queue (7 days
 * by default), so a message that waited there is still heard, and no alarm is dated before it.
 */
export const maxUplinkAgeMs = 7 * 24 * 3600_000;

/** Whether a device's time stamp is within what the server accepts, as of its own clock. */
export function uplinkTimeVerdict(ts: number, nowMs: number): 'ok' | 'ahead' | 'stale' {
  if (ts > nowMs + maxUplinkLeadMs) return 'ahead';
  if (ts < nowMs - maxUplinkAgeMs) return 'stale';
  return 'ok';
}

/**
 * Whether a detection comes after the last one folded into an alarm, in the device's own order:
 * its time first (a rebooted device counts `seq` from 1 again, but its clock goes on), then `seq`.
 * A last detection with no readable time never holds a new one back.
 */
export function isLaterDetection(
  detection: { at: number; seq: number },
  last: { at: number; seq: number },
): boolean {
  if (!Number.isFinite(last.at)) return true;
  if (detection.at !== last.at) return detection.at > last.at;
  return detection.seq > last.seq;
}
