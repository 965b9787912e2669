import { type OfficerSummary } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { assignmentWarning, rankOfficers } from './officerRanking';

const site = { lat: 23.1066, lng: 113.3245 };
const now = Date.parse('2030-01-01T08:00:00.000Z');

function officer(id: string, overrides: Partial<OfficerSummary> = {}): OfficerSummary {
  return {
    id,
    name: id,
    squadId: 'squad-chigang',
    streetId: 'chigang',
    onDuty: true,
    travelMode: 'ebike',
    capacity: 3,
    activeTickets: 0,
    onShift: null,
    location: { lat: 23.1066, lng: 113.3245, at: '2030-01-01T07:59:00.000Z' },
    ...overrides,
  };
}

describe('rankOfficers', () => {
  it('offers officers off the current shift of a rostering squad last, after those off duty', () => {
    const ranked = rankOfficers(
      [
        officer('night', { onShift: false }),
        officer('day', { onShift: true }),
        officer('home', { onDuty: false }),
        officer('unrostered'),
      ],
      site,
      now,
    );
    expect(ranked.map((entry) => entry.officer.id)).toEqual(['day', 'unrostered', 'home', 'night']);
  });

  it('warns about officers off duty or off shift, and only them', () => {
    expect(assignmentWarning({ onDuty: true, onShift: true })).toBeNull();
    expect(assignmentWarning({ onDuty: true, onShift: null })).toBeNull();
    expect(assignmentWarning({ onDuty: false, onShift: null })).toBe('offDuty');
    expect(assignmentWarning({ onDuty: true, onShift: false })).toBe('offShift');
    expect(assignmentWarning({ onDuty: false, onShift: false })).toBe('offDutyAndShift');
  });

  it('puts on-duty officers with a position first, nearest first, then lighter workload', () => {
    const ranked = rankOfficers(
      [
        officer('off', { onDuty: false, location: null }),
        officer('far', { location: { lat: 23.1166, lng: 113.3245, at: '2030-01-01T07:58:00.000Z' } }),
        officer('blind', { location: null }),
        officer('nearBusy', { activeTickets: 2 }),
        officer('nearFree'),
      ],
      site,
      now,
    );
    expect(ranked.map((entry) => entry.officer.id)).toEqual(['nearFree', 'nearBusy', 'far', 'blind', 'off']);
    expect(ranked[2]!.distanceMeters).toBeCloseTo(1112, -1);
    expect(ranked[2]!.locationAgeMs).toBe(120_000);
    expect(ranked[3]!.distanceMeters).toBeNull();
    expect(ranked[3]!.locationAgeMs).toBeNull();
  });

  it('marks officers at capacity', () => {
    const [entry] = rankOfficers([officer('full', { activeTickets: 3 })], site, now);
    expect(entry!.full).toBe(true);
  });
});
