import { noiseLimitFor } from './noiseLimits';

describe('noiseLimitFor', () => {
  it.each([
    ['1', '2026-11-23T21:59:00+08:00', 55, 'day'],
    ['1', '2026-11-23T22:00:00+08:00', 45, 'night'],
    ['1', '2026-11-24T05:59:59+08:00', 45, 'night'],
    ['1', '2026-11-24T06:00:00+08:00', 55, 'day'],
    ['0', '2026-11-23T23:30:00+08:00', 40, 'night'],
    ['2', '2026-11-23T10:00:00+08:00', 60, 'day'],
    ['3', '2026-11-23T02:00:00+08:00', 55, 'night'],
    ['4a', '2026-11-23T23:00:00+08:00', 55, 'night'],
    ['4b', '2026-11-23T23:00:00+08:00', 60, 'night'],
  ] as const)('class %s at %s allows %i dB(A) (%s)', (zone, at, limitDb, period) => {
    expect(noiseLimitFor(zone, new Date(at))).toEqual({ limitDb, period });
  });
});
