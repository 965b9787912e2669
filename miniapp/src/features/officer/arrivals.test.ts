import { arrivedAssignments, createArrivalDetector } from './arrivals';
import { iso, minutes, tenAm, ticketFixture } from './testFixtures';

const assigned = (id: string, acceptBy = iso(tenAm + minutes(3))) =>
  ticketFixture({ id, deadlines: { acceptBy, warnAt: iso(tenAm), breachAt: iso(tenAm) } });

describe('arrivedAssignments', () => {
  it('on the first list, finds every assignment still waiting for an answer', () => {
    const accepted = ticketFixture({ id: 'a', status: 'accepted' });
    expect(arrivedAssignments(undefined, [accepted, assigned('b')]).map((t) => t.id)).toEqual(['b']);
  });

  it('then only those not waiting in the previous list', () => {
    const before = [assigned('a')];
    expect(arrivedAssignments(before, [assigned('a'), assigned('b')]).map((t) => t.id)).toEqual(['b']);
    expect(arrivedAssignments(before, [ticketFixture({ id: 'a', status: 'accepted' })])).toEqual([]);
  });

  it('counts the same ticket assigned again (a new accept deadline) as a new arrival', () => {
    const again = assigned('a', iso(tenAm + minutes(9)));
    expect(arrivedAssignments([assigned('a')], [again]).map((t) => t.id)).toEqual(['a']);
  });
});

describe('createArrivalDetector', () => {
  it('rings once per assignment, even when a list drops it and the next brings it back', () => {
    const detector = createArrivalDetector();
    expect(detector.arrivals([assigned('a')]).map((t) => t.id)).toEqual(['a']);
    expect(detector.arrivals([assigned('a')])).toEqual([]);
    expect(detector.arrivals([])).toEqual([]);
    expect(detector.arrivals([assigned('a'), assigned('b')]).map((t) => t.id)).toEqual(['b']);
    expect(detector.arrivals([assigned('a', iso(tenAm + minutes(20)))]).map((t) => t.id)).toEqual(['a']);
  });
});
