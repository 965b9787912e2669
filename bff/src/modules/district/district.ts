import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { StreetSummary } from '@jiefang/contracts';

const positionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

const streetFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    squadId: z.string().min(1),
    squadName: z.string().min(1),
    communities: z.array(z.string().min(1)),
  }),
  geometry: z.object({
    type: z.literal('Polygon'),
    coordinates: z.array(z.array(positionSchema).min(4)).min(1),
  }),
});

const districtSchema = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string(),
  version: z.number().int().positive(),
  features: z.array(streetFeatureSchema).min(1),
});

export type StreetFeature = z.infer<typeof streetFeatureSchema>;
export type District = z.infer<typeof districtSchema>;

/**
 * Jurisdiction polygons live in a versioned GeoJSON file rather than in MongoDB documents:
 * FerretDB cannot store the nested arrays of a polygon.
 */
export function loadDistrict(file = path.join(__dirname, 'haizhu-demo.geojson')): District {
  return districtSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function streetSummaries(district: District): StreetSummary[] {
  return district.features.map(({ properties }) => ({
    id: properties.id,
    name: properties.name,
    squadId: properties.squadId,
    squadName: properties.squadName,
  }));
}

/** Finds a street by its id or its Chinese name (e.g. "赤岗街道" or "赤岗"). */
export function findStreet(district: District, idOrName: string): StreetFeature | undefined {
  const wanted = idOrName.trim();
  return district.features.find(
    ({ properties }) =>
      properties.id === wanted || properties.name === wanted || properties.name === `${wanted}街道`,
  );
}
