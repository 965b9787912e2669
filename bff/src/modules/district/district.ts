import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { StreetSummary, Wgs84Point } from '@jiefang/contracts';
import { gridAt, type GridArea } from '../../domain/grids';

const positionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(positionSchema).min(4)).min(1),
});

const streetFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    squadId: z.string().min(1),
    squadName: z.string().min(1),
    communities: z.array(z.string().min(1)),
  }),
  geometry: polygonSchema,
});

const streetCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string(),
  version: z.number().int().positive(),
  features: z.array(streetFeatureSchema).min(1),
});

const gridFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    streetId: z.string().min(1),
    /** One of the street's communities (社区). */
    community: z.string().min(1),
  }),
  geometry: polygonSchema,
});

const gridCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string(),
  version: z.number().int().positive(),
  features: z.array(gridFeatureSchema),
});

export type StreetFeature = z.infer<typeof streetFeatureSchema>;
export type GridFeature = z.infer<typeof gridFeatureSchema>;

/** The street polygons (a GeoJSON FeatureCollection) and, separately, the grids that tile them. */
export type District = z.infer<typeof streetCollectionSchema> & {
  /**
   * Grid (网格) polygons, each inside its street; in the data file's order. Replaced as a whole when a
   * street publishes new grids (liveDistrictGrids): read it when needed, never keep it or what is
   * derived from it beyond the array it came from.
   */
  grids: GridFeature[];
};

/** What a ticket or an account records about a grid. */
export interface GridInfo {
  id: string;
  name: string;
  community: string;
  streetId: string;
}

const dataDir = __dirname;

/**
 * Jurisdiction polygons live in versioned GeoJSON files rather than in MongoDB documents: FerretDB
 * cannot store the nested arrays of a polygon. Streets and grids are separate files; a grid must name a
 * street of the district and one of that street's communities, and grid ids must be unique.
 */
export function loadDistrict(
  file = path.join(dataDir, 'haizhu-demo.geojson'),
  gridsFile = path.join(dataDir, 'haizhu-demo-grids.geojson'),
): District {
  const streets = streetCollectionSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const grids = gridCollectionSchema.parse(JSON.parse(fs.readFileSync(gridsFile, 'utf8')));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { properties: grid } of grids.features) {
    if (seen.has(grid.id)) problems.push(`grid ${grid.id}: duplicate id`);
    seen.add(grid.id);
    const street = streets.features.find(({ properties }) => properties.id === grid.streetId)?.properties;
    if (!street) problems.push(`grid ${grid.id}: no street ${grid.streetId}`);
    else if (!street.communities.includes(grid.community)) {
      problems.push(`grid ${grid.id}: ${grid.community} is not a community of ${street.id}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid grids in ${gridsFile}: ${problems.join('; ')}`);
  return { ...streets, grids: grids.features };
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

/** Finds a grid by its id (e.g. "chigang-g1") or its name (e.g. "赤岗社区第1网格"). */
export function findGrid(district: District, idOrName: string): GridFeature | undefined {
  const wanted = idOrName.trim();
  return district.grids.find(({ properties }) => properties.id === wanted || properties.name === wanted);
}

/** A street's grids, in the data file's order. */
export function gridsOfStreet(district: District, streetId: string): GridFeature[] {
  return district.grids.filter(({ properties }) => properties.streetId === streetId);
}

/**
 * Keyed by the grids array, not the district: a publication replaces the array (liveDistrictGrids), so
 * the next look-up builds the areas of the new grids.
 */
const gridAreas = new WeakMap<GridFeature[], GridArea[]>();

function areasOf(district: District): GridArea[] {
  let areas = gridAreas.get(district.grids);
  if (!areas) {
    areas = district.grids.map((grid) => ({
      id: grid.properties.id,
      streetId: grid.properties.streetId,
      rings: grid.geometry.coordinates as Array<Array<[number, number]>>,
    }));
    gridAreas.set(district.grids, areas);
  }
  return areas;
}

/**
 * The grid a point lies in, or null outside every grid (and so outside every street). Pass the street
 * the ticket was routed to as `streetId` to look only among that street's grids.
 */
export function gridFor(district: District, point: Wgs84Point, streetId?: string | null): GridInfo | null {
  const id = gridAt(point, areasOf(district), streetId);
  const grid = id ? district.grids.find(({ properties }) => properties.id === id) : undefined;
  if (!grid) return null;
  const { name, community, streetId: gridStreet } = grid.properties;
  return { id: grid.properties.id, name, community, streetId: gridStreet };
}
