import { parseUplink } from './uplinkParser';

const now = Date.UTC(2026, 10, 23, 0, 0, 0);
const day = 24 * 3_600_000;
const parse = (channel: string, body: object) =>
  parseUplink(`devices/smoke-001/${channel}`, Buffer.from(JSON.stringify(body)), now);

describe('parseUplink', () => {
  it('refuses the contract-breaking far-future stamp, and one more than ten minutes ahead', () => {
    expect(parse('event', { ts: 9e15, seq: 2e9, type: 'smoke_detected', confidence: 0.99 })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(
      parse('event', { ts: now + 10 * 60_000 + 1, seq: 1, type: 'smoke_detected', confidence: 0.99 }),
    ).toMatchObject({ ok: false, reason: 'out_of_time' });
  });

  it('refuses a detection older than the retention window, but not a Last Will stamped at connect time', () => {
    expect(
      parse('event', { ts: now - 8 * day, seq: 1, type: 'smoke_detected', confidence: 0.99 }),
    ).toMatchObject({ ok: false, reason: 'out_of_time' });
    expect(parse('status', { ts: now - 30 * day, seq: 1, status: 'offline' })).toMatchObject({
      ok: true,
      uplink: { deviceId: 'smoke-001', channel: 'status', receivedAt: now },
    });
    expect(parse('status', { ts: now - 30 * day, seq: 2, status: 'online' })).toMatchObject({
      ok: false,
      reason: 'out_of_time',
    });
  });

  it('stamps an accepted message with its arrival on the server clock', () => {
    expect(
      parse('event', { ts: now - day, seq: 7, type: 'charging_detected', confidence: 0.9 }),
    ).toMatchObject({ ok: true, uplink: { receivedAt: now, body: { ts: now - day, seq: 7 } } });
  });
});
