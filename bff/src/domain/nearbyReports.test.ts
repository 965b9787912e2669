import { distanceBand, joinRefusal } from './nearbyReports';

describe('distanceBand', () => {
  it.each([
    [0, 'within_50m'],
    [50, 'within_50m'],
    [50.1, 'within_100m'],
    [100, 'within_100m'],
    [149.9, 'within_150m'],
    [150, 'within_150m'],
  ])('puts %f m in %s', (meters, band) => {
    expect(distanceBand(meters)).toBe(band);
  });

  it('has no band beyond the radius or for nonsense', () => {
    expect(distanceBand(150.1)).toBeNull();
    expect(distanceBand(-1)).toBeNull();
    expect(distanceBand(Number.NaN)).toBeNull();
  });
});

describe('joinRefusal', () => {
  const here = { lat: 23.1066, lng: 113.3245 };
  // About 111 m per 0.001° of latitude.
  const north = (meters: number) => ({ lat: here.lat + meters / 111_195, lng: here.lng });

  it('lets a resident join an open ticket within 150 m', () => {
    expect(joinRefusal({ status: 'dispatch_queue', location: here }, north(140))).toBeNull();
    expect(joinRefusal({ status: 'on_site', location: here }, here)).toBeNull();
    expect(joinRefusal({ status: 'reopened', location: here }, here)).toBeNull();
  });

  it('refuses a closed ticket, whatever the distance', () => {
    expect(joinRefusal({ status: 'resolved', location: here }, here)).toBe('closed');
    expect(joinRefusal({ status: 'confirmed', location: here }, north(500))).toBe('closed');
  });

  it('refuses a ticket farther than 150 m', () => {
    expect(joinRefusal({ status: 'assigned', location: here }, north(160))).toBe('too_far');
  });
});
