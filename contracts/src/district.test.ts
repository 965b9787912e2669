import { districtMapSchema, ticketSchema } from './index';

const street = {
  type: 'Feature',
  properties: {
    id: 'chigang',
    name: '赤岗街道',
    squadId: 'squad-chigang',
    squadName: '赤岗街道综合执法中队',
  },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [113.3, 23.095],
        [113.34, 23.097],
        [113.34, 23.115],
        [113.3, 23.095],
      ],
    ],
  },
};

describe('districtMapSchema', () => {
  it('reads a map from a BFF without grids as having none', () => {
    const map = districtMapSchema.parse({ type: 'FeatureCollection', name: '海珠区', features: [street] });
    expect(map.grids).toEqual([]);
    expect(map.features).toHaveLength(1);
  });

  it('reads grid outlines with their street and community', () => {
    const grid = {
      type: 'Feature',
      properties: { id: 'chigang-g1', name: '赤岗社区第1网格', streetId: 'chigang', community: '赤岗社区' },
      geometry: street.geometry,
    };
    expect(
      districtMapSchema.parse({
        type: 'FeatureCollection',
        name: '海珠区',
        features: [street],
        grids: [grid],
      }).grids,
    ).toEqual([grid]);
    expect(() =>
      districtMapSchema.parse({
        type: 'FeatureCollection',
        name: '海珠区',
        features: [street],
        grids: [{ ...grid, properties: { id: 'x', name: 'x' } }],
      }),
    ).toThrow();
  });
});

describe('ticketSchema.gridId', () => {
  const ticket = {
    id: 'T-1',
    category: 'garbage',
    categoryName: '垃圾',
    priority: 'normal',
    department: 'sanitation',
    status: 'assigned',
    version: 1,
    location: { lat: 23.1066, lng: 113.3245 },
    address: '',
    description: '',
    reporterCount: 1,
    streetId: 'chigang',
    streetName: '赤岗街道',
    squadId: 'squad-chigang',
    assigneeId: null,
    slaBreached: false,
    deadlines: { acceptBy: null, warnAt: '2030-01-01T08:10:00.000Z', breachAt: '2030-01-01T08:15:00.000Z' },
    reportedAt: '2030-01-01T08:00:00.000Z',
    updatedAt: '2030-01-01T08:00:00.000Z',
    photos: [],
    resolution: null,
    rating: null,
    timeline: [],
  };

  it('is optional and nullable, so older tickets and BFFs still parse', () => {
    expect(ticketSchema.parse(ticket).gridId).toBeUndefined();
    expect(ticketSchema.parse({ ...ticket, gridId: null }).gridId).toBeNull();
    expect(ticketSchema.parse({ ...ticket, gridId: 'chigang-g4' }).gridId).toBe('chigang-g4');
  });
});
