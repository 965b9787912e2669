import { loadDistrict } from '../modules/district/district';
import { responsibleArea, type JurisdictionArea } from './jurisdiction';

describe('responsibleArea', () => {
  const areas: JurisdictionArea[] = loadDistrict().features.map((feature) => ({
    id: feature.properties.id,
    rings: feature.geometry.coordinates as Array<Array<[number, number]>>,
  }));

  it.each([
    [23.1066, 113.3245, 'chigang'],
    [23.108, 113.27, 'jiangnanzhong'],
    [23.093, 113.352, 'huazhou'],
    [23.094, 113.252, 'nanshitou'],
  ])('puts (%f, %f) in %s', (lat, lng, street) => {
    expect(responsibleArea({ lat, lng }, areas)).toEqual({ kind: 'single', areaId: street });
  });

  it('sends a point outside every street to the dispatcher', () => {
    expect(responsibleArea({ lat: 23.2, lng: 113.5 }, areas)).toEqual({ kind: 'outside' });
  });

  it('reports both areas of an overlap', () => {
    const square = (id: string, west: number): JurisdictionArea => ({
      id,
      rings: [
        [
          [west, 0],
          [west + 2, 0],
          [west + 2, 2],
          [west, 2],
          [west, 0],
        ],
      ],
    });
    expect(responsibleArea({ lat: 1, lng: 1.5 }, [square('a', 0), square('b', 1)])).toEqual({
      kind: 'overlap',
      areaIds: ['a', 'b'],
    });
  });
});
