import { type Ticket } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { onQueueMap, slaMapState, slaMarkerColors } from './slaMarkers';

const now = Date.parse('2026-12-02T10:00:00Z');
const ticket = (
  status: Ticket['status'],
  breachInMs: number,
  slaBreached = false,
): Pick<Ticket, 'status' | 'slaBreached' | 'deadlines' | 'timeline'> => ({
  status,
  slaBreached,
  deadlines: {
    acceptBy: null,
    warnAt: new Date(now + breachInMs - 5 * 60_000).toISOString(),
    breachAt: new Date(now + breachInMs).toISOString(),
  } as Ticket['deadlines'],
  timeline: [],
});

describe('slaMapState', () => {
  it('follows the countdown while the clock runs', () => {
    expect(slaMapState(ticket('assigned', 20 * 60_000), now)).toBe('on_time');
    expect(slaMapState(ticket('accepted', 4 * 60_000), now)).toBe('warning');
    expect(slaMapState(ticket('dispatch_queue', -1000), now)).toBe('breached');
    // Marked breached by the BFF even if this clock disagrees.
    expect(slaMapState(ticket('reopened', 20 * 60_000, true), now)).toBe('breached');
  });

  it('turns as time passes', () => {
    const later = ticket('assigned', 6 * 60_000);
    expect(slaMapState(later, now)).toBe('on_time');
    expect(slaMapState(later, now + 2 * 60_000)).toBe('warning');
    expect(slaMapState(later, now + 7 * 60_000)).toBe('breached');
  });

  it('is stopped once the officer is on site, breached or not', () => {
    expect(slaMapState(ticket('on_site', -60_000, true), now)).toBe('stopped');
    expect(slaMapState(ticket('on_site', 60_000), now)).toBe('stopped');
  });

  it('gives each state its own colour, red for breached and green on time', () => {
    expect(new Set(Object.values(slaMarkerColors)).size).toBe(4);
    expect(slaMarkerColors.breached).toBe('#f5222d');
    expect(slaMarkerColors.on_time).toBe('#52c41a');
  });
});

describe('onQueueMap', () => {
  it('shows open tickets only', () => {
    expect(onQueueMap({ status: 'on_site' })).toBe(true);
    expect(onQueueMap({ status: 'dispatch_queue' })).toBe(true);
    expect(onQueueMap({ status: 'resolved' })).toBe(false);
    expect(onQueueMap({ status: 'confirmed' })).toBe(false);
  });
});
