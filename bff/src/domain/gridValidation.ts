import turfArea from '@turf/area';
import turfDifference from '@turf/difference';
import { featureCollection, polygon } from '@turf/helpers';
import turfIntersect from '@turf/intersect';
import turfKinks from '@turf/kinks';
import turfPointOnFeature from '@turf/point-on-feature';
import turfUnion from '@turf/union';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { gridAreaToleranceM2, type GridMapFeature, type GridProblem } from '@jiefang/contracts';

// Polygon clipping (union, difference, intersect), geodesic area and self-intersection come from turf:
// exact enough at a street's scale and robust on the shared edges that grids have, unlike a hand-made one.

type Position = [number, number];
type Area = Feature<Polygon | MultiPolygon>;

/** The street whose grids are uploaded: its outline and communities, and the grid ids other streets use. */
export interface GridStreet {
  id: string;
  rings: Position[][];
  communities: readonly string[];
  /** Grid ids of every other street: an id names one grid in the whole district. */
  otherStreetsGridIds: ReadonlySet<string>;
}

export interface GridValidation {
  /** The grids read from the file (with the street's id), in the file's order; those with errors too. */
  grids: GridMapFeature[];
  problems: GridProblem[];
  /** No error: the grids may be published. */
  publishable: boolean;
}

const gridIdSchema = z
  .string()
  .regex(/^[a-z0-9-]+$/, '网格编号只能包含小写字母、数字和连字符')
  .max(60, '网格编号太长');

/** Properties as the file must carry them; `streetId` may be left out (it is the street uploaded to). */
const gridPropertiesSchema = z.object({
  id: gridIdSchema,
  name: z.string().trim().min(1, '缺少网格名称').max(60, '网格名称太长'),
  community: z.string().trim().min(1, '缺少所属社区'),
  streetId: z.string().optional(),
});

const positionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/**
 * Bounds that keep a check within a second or so: the self-intersection check compares a ring's edges
 * pairwise, and a street has a few dozen grids. Drawn grids have a few hundred points at most.
 */
export const gridLimits = { grids: 200, ringPositions: 2_000, rings: 20 } as const;

const polygonGeometrySchema = z.object({
  type: z.literal('Polygon', { message: '只支持 Polygon 面' }),
  coordinates: z
    .array(
      z
        .array(positionSchema)
        .max(gridLimits.ringPositions, `边界坐标点不能超过 ${gridLimits.ringPositions} 个`),
    )
    .min(1, '面没有坐标')
    .max(gridLimits.rings, `内环不能超过 ${gridLimits.rings - 1} 个`),
});

const collectionSchema = z.object({
  type: z.literal('FeatureCollection', { message: '文件须为 GeoJSON FeatureCollection' }),
  features: z.array(z.unknown()).max(gridLimits.grids, `一个街道的网格不能超过 ${gridLimits.grids} 个`),
});

const problem = (fields: Partial<GridProblem> & Pick<GridProblem, 'code' | 'message'>): GridProblem => ({
  severity: 'error',
  gridId: null,
  otherGridId: null,
  areaM2: null,
  location: null,
  area: null,
  ...fields,
});

const roundedArea = (squareMetres: number) => Math.round(squareMetres * 10) / 10;
/** An area as the messages say it: "341,221.5". */
const areaText = (squareMetres: number) => roundedArea(squareMetres).toLocaleString('zh-CN');

function markerOf(area: Area): Position {
  return turfPointOnFeature(area).geometry.coordinates as Position;
}

/** Each polygon of an area on its own, so that two gaps are two problems with their own marker. */
function piecesOf(area: Area): Array<Feature<Polygon>> {
  if (area.geometry.type === 'Polygon') return [area as Feature<Polygon>];
  return area.geometry.coordinates.map((rings) => polygon(rings));
}

/** The pieces of an area larger than the tolerance, each with its area in m². */
function significantPieces(area: Area | null): Array<{ piece: Feature<Polygon>; areaM2: number }> {
  if (!area) return [];
  return piecesOf(area)
    .map((piece) => ({ piece, areaM2: turfArea(piece) }))
    .filter(({ areaM2 }) => areaM2 > gridAreaToleranceM2);
}

/** A piece's outline as the problem carries it (positions are [lng, lat] pairs). */
const outlineOf = (piece: Feature<Polygon>) => ({
  type: 'Polygon' as const,
  coordinates: piece.geometry.coordinates as Position[][],
});

const samePosition = (a: Position | undefined, b: Position | undefined) =>
  !!a && !!b && a[0] === b[0] && a[1] === b[1];

function ringProblems(gridId: string, rings: Position[][]): GridProblem[] {
  const problems: GridProblem[] = [];
  rings.forEach((ring, index) => {
    const which = index === 0 ? '外环' : `第 ${index} 个内环`;
    if (ring.length < 4)
      problems.push(
        problem({
          code: 'invalid_ring',
          gridId,
          message: `网格 ${gridId} 的${which}少于 4 个坐标点`,
          location: ring[0] ?? null,
        }),
      );
    else if (!samePosition(ring[0], ring[ring.length - 1]))
      problems.push(
        problem({
          code: 'invalid_ring',
          gridId,
          message: `网格 ${gridId} 的${which}首尾坐标不一致（未闭合）`,
          location: ring[0] ?? null,
        }),
      );
  });
  if (problems.length) return problems;
  const kinks = turfKinks(polygon(rings)).features;
  if (kinks.length)
    problems.push(
      problem({
        code: 'self_intersection',
        gridId,
        message: `网格 ${gridId} 的边界自相交（${kinks.length} 处）`,
        location: (kinks[0]?.geometry.coordinates as Position | undefined) ?? null,
      }),
    );
  return problems;
}

/** Reads the file: each grid it holds and what is wrong with the file or a grid's properties and rings. */
function readGrids(text: string, street: GridStreet) {
  const problems: GridProblem[] = [];
  const grids: GridMapFeature[] = [];
  /** Grids whose outline may be measured (valid rings). */
  const measurable = new Set<GridMapFeature>();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { grids, measurable, problems: [problem({ code: 'schema', message: '文件不是有效的 JSON' })] };
  }
  const collection = collectionSchema.safeParse(json);
  if (!collection.success)
    return {
      grids,
      measurable,
      problems: [problem({ code: 'schema', message: collection.error.issues[0]?.message ?? '文件格式不对' })],
    };

  collection.data.features.forEach((raw, index) => {
    const feature = (raw ?? {}) as { properties?: unknown; geometry?: unknown };
    const properties = gridPropertiesSchema.safeParse(feature.properties);
    const rawId = (feature.properties as { id?: unknown } | undefined)?.id;
    const label = typeof rawId === 'string' && rawId ? rawId : `第 ${index + 1} 个要素`;
    if (!properties.success) {
      const issue = properties.error.issues[0];
      problems.push(
        problem({
          code: 'schema',
          gridId: typeof rawId === 'string' ? rawId : null,
          message: `${label}：${issue?.path.length ? `${issue.path.join('.')} ` : ''}${issue?.message ?? '属性不对'}`,
        }),
      );
      return;
    }
    const geometry = polygonGeometrySchema.safeParse(feature.geometry);
    if (!geometry.success) {
      problems.push(
        problem({
          code: 'schema',
          gridId: properties.data.id,
          message: `${label}：${geometry.error.issues[0]?.message ?? '几何不对'}`,
        }),
      );
      return;
    }
    const { id, name, community, streetId } = properties.data;
    const grid: GridMapFeature = {
      type: 'Feature',
      properties: { id, name, community, streetId: street.id },
      geometry: { type: 'Polygon', coordinates: geometry.data.coordinates as Position[][] },
    };
    grids.push(grid);
    if (streetId !== undefined && streetId !== street.id)
      problems.push(
        problem({ code: 'wrong_street', gridId: id, message: `网格 ${id} 属于其他街道（${streetId}）` }),
      );
    if (!street.communities.includes(community))
      problems.push(
        problem({
          code: 'bad_community',
          gridId: id,
          message: `网格 ${id} 的社区“${community}”不是本街道的社区（${street.communities.join('、')}）`,
        }),
      );
    const rings = ringProblems(id, grid.geometry.coordinates as Position[][]);
    problems.push(...rings);
    if (!rings.length) measurable.add(grid);
  });
  return { grids, measurable, problems };
}

function duplicateProblems(grids: readonly GridMapFeature[], street: GridStreet): GridProblem[] {
  const problems: GridProblem[] = [];
  const seen = new Set<string>();
  for (const { properties } of grids) {
    if (seen.has(properties.id))
      problems.push(
        problem({ code: 'duplicate_id', gridId: properties.id, message: `网格编号 ${properties.id} 重复` }),
      );
    else if (street.otherStreetsGridIds.has(properties.id))
      problems.push(
        problem({
          code: 'duplicate_id',
          gridId: properties.id,
          message: `网格编号 ${properties.id} 已被其他街道的网格使用`,
        }),
      );
    seen.add(properties.id);
  }
  return problems;
}

/**
 * Positions rounded to 1e-7° (about 1 cm) for the clipping: two grids' copies of a shared vertex that
 * differ in the last digits (exported by different tools) become one, which spares the clipping slivers
 * of nothing that cost it seconds. Drawings are not more precise than that.
 */
const snapped = (rings: Position[][]): Position[][] =>
  rings.map((ring) => ring.map(([lng, lat]) => [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]));

type Box = [number, number, number, number];

function boxOf(rings: Position[][]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of rings[0] ?? []) {
    box[0] = Math.min(box[0], lng);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lng);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

const boxesMeet = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Outside the street, overlaps and gaps, measured geodesically (turf). Only grids with valid rings are
 * measured: the polygon clipping assumes them. Clipping is the slow part (a grid drawn with many points
 * along an edge it shares costs seconds pairwise), so the grids are united once and each of the three
 * questions starts from that union: the street minus it are the gaps; it minus the street is what lies
 * outside, looked up grid by grid only when there is some; and only when the grids' areas add up to more
 * than the union's are there overlaps to look for pair by pair (bounding boxes first).
 */
function areaProblems(grids: readonly GridMapFeature[], street: GridStreet): GridProblem[] {
  const problems: GridProblem[] = [];
  const streetArea = polygon(snapped(street.rings));
  const shapes = grids.map((grid) => ({
    id: grid.properties.id,
    shape: polygon(snapped(grid.geometry.coordinates as Position[][])),
    box: boxOf(grid.geometry.coordinates as Position[][]),
  }));
  const covered: Area | null =
    shapes.length === 1
      ? (shapes[0]?.shape ?? null)
      : turfUnion(featureCollection(shapes.map(({ shape }) => shape)));
  if (!covered) return problems;

  for (const outside of significantPieces(turfDifference(featureCollection([covered, streetArea])))) {
    const box = boxOf(outside.piece.geometry.coordinates as Position[][]);
    for (const { id, shape, box: gridBox } of shapes) {
      if (!boxesMeet(box, gridBox)) continue;
      for (const { piece, areaM2 } of significantPieces(
        turfIntersect(featureCollection([shape, outside.piece])),
      )) {
        problems.push(
          problem({
            code: 'outside_street',
            gridId: id,
            message: `网格 ${id} 有约 ${areaText(areaM2)} 平方米在街道范围之外`,
            areaM2: roundedArea(areaM2),
            location: markerOf(piece),
            area: outlineOf(piece),
          }),
        );
      }
    }
  }

  const overlapping =
    shapes.reduce((sum, { shape }) => sum + turfArea(shape), 0) - turfArea(covered) > gridAreaToleranceM2;
  if (overlapping) {
    shapes.forEach((first, index) => {
      for (const second of shapes.slice(index + 1)) {
        if (!boxesMeet(first.box, second.box)) continue;
        const common = turfIntersect(featureCollection([first.shape, second.shape]));
        for (const { piece, areaM2 } of significantPieces(common)) {
          problems.push(
            problem({
              code: 'overlap',
              gridId: first.id,
              otherGridId: second.id,
              message: `网格 ${first.id} 与 ${second.id} 重叠约 ${areaText(areaM2)} 平方米`,
              areaM2: roundedArea(areaM2),
              location: markerOf(piece),
              area: outlineOf(piece),
            }),
          );
        }
      }
    });
  }

  for (const { piece, areaM2 } of significantPieces(
    turfDifference(featureCollection([streetArea, covered])),
  )) {
    problems.push(
      problem({
        code: 'gap',
        message: `街道内约 ${areaText(areaM2)} 平方米不属于任何网格`,
        areaM2: roundedArea(areaM2),
        location: markerOf(piece),
        area: outlineOf(piece),
      }),
    );
  }
  return problems;
}

/**
 * Checks an uploaded GeoJSON of one street's grids. Everything here blocks publishing, because each
 * breaks what the grids are for: a report must fall in exactly one grid of its street (no gap, no
 * overlap, nothing outside the street), and an account or a ticket names a grid by an id unique in the
 * district. Gaps and overlaps up to `gridAreaToleranceM2` are drawing slivers and are not reported.
 */
export function validateStreetGrids(text: string, street: GridStreet): GridValidation {
  const read = readGrids(text, street);
  const problems = [...read.problems, ...duplicateProblems(read.grids, street)];
  if (!read.grids.length && !problems.some((found) => found.code === 'schema'))
    problems.push(problem({ code: 'empty', message: '文件中没有网格' }));
  // Gaps are only measured when every grid could be: a grid left out would show as a false gap.
  const allMeasurable = read.grids.length > 0 && read.grids.every((grid) => read.measurable.has(grid));
  if (allMeasurable) {
    try {
      problems.push(...areaProblems(read.grids, street));
    } catch (error) {
      // Polygon clipping can still fail on degenerate outlines the ring checks let through.
      problems.push(
        problem({ code: 'invalid_ring', message: `无法计算网格的重叠与空隙：${(error as Error).message}` }),
      );
    }
  }
  return {
    grids: read.grids,
    problems,
    publishable: !problems.some((found) => found.severity === 'error'),
  };
}
