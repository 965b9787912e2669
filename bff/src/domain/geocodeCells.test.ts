import { geocodeCell } from './geocodeCells';

describe('geocodeCell', () => {
  it('puts points a few metres apart in one cell', () => {
    expect(geocodeCell({ lat: 23.10661, lng: 113.32451 })).toBe(
      geocodeCell({ lat: 23.10658, lng: 113.32448 }),
    );
  });

  it('keeps points about 20 m apart in different cells', () => {
    expect(geocodeCell({ lat: 23.1066, lng: 113.3245 })).not.toBe(
      geocodeCell({ lat: 23.1068, lng: 113.3245 }),
    );
    expect(geocodeCell({ lat: 23.1066, lng: 113.3245 })).not.toBe(
      geocodeCell({ lat: 23.1066, lng: 113.3247 }),
    );
  });

  it('tells the hemispheres apart', () => {
    expect(geocodeCell({ lat: -1, lng: -1 })).toBe('-10000:-10000');
  });
});
